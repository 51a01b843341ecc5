import { logout, logoutEverywhere } from "../actions/session.js";
import { createToken, listTokens, revokeToken } from "../api/account.js";
import { getState } from "../store.js";
import { confirmAction } from "./dialog.js";
import { field, fill, formatDate, h } from "./dom.js";
import { scopePicker } from "./scope-picker.js";
import { toast } from "./toast.js";

/** tokenTable lists API tokens or sessions, each with a Revoke button. */
function tokenTable(rows, kind, revoke) {
  if (!rows.length) return h("p", { class: "muted" }, kind === "api" ? "No API tokens yet." : "No other sessions.");
  return h(
    "table",
    { class: "tokens" },
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        h("th", {}, "Name"),
        kind === "api" ? h("th", {}, "Scopes") : null,
        h("th", {}, "Created"),
        h("th", {}, "Last used"),
        h("th", {}, kind === "api" ? "Expires" : "From"),
        h("th", {}, ""),
      ),
    ),
    h(
      "tbody",
      {},
      rows.map((t) =>
        h(
          "tr",
          { "data-token": t.id },
          h("td", {}, t.name, t.current ? h("em", {}, " (this browser)") : ""),
          kind === "api" ? h("td", { class: "token-scopes" }, (t.scopes ?? []).join(", ")) : null,
          h("td", {}, formatDate(t.createdAt)),
          h("td", {}, t.lastUsedAt ? formatDate(t.lastUsedAt) : "never"),
          h(
            "td",
            {},
            kind === "api" ? (t.expiresAt ? formatDate(t.expiresAt) : "never") : `${t.createdIp ?? "?"} · ${t.createdUserAgent ?? "?"}`,
          ),
          h("td", {}, h("button", { type: "button", class: "danger small", onclick: () => revoke(t) }, "Revoke")),
        ),
      ),
    ),
  );
}

/** shownOnce shows a new token with a Copy button: it is never shown again. */
function shownOnce(token) {
  const value = h("input", { type: "text", readonly: true, value: token, id: "new-token", "aria-label": "New token", size: 60 });
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(token);
      toast("Copied");
    } catch {
      value.select();
      toast("Press Ctrl+C to copy", "error");
    }
  };
  return h(
    "div",
    { class: "note" },
    h("p", {}, h("strong", {}, "Copy this token now: it is shown only once.")),
    h("div", { class: "row" }, value, h("button", { type: "button", onclick: copy }, "Copy")),
  );
}

/**
 * tokensCard: API tokens (create with a name and expiry, revoke) and sessions. Revoking this
 * browser's own session signs it out (`onSignedOut`). Returns { el, reload }.
 */
export function tokensCard({ onSignedOut }) {
  const created = h("div", { "aria-live": "polite" });
  const tokenList = h("div", {});
  const sessionList = h("div", {});
  const name = h("input", { type: "text", name: "token-name", required: true, maxlength: 100, placeholder: "ci-pipeline" });
  const days = h(
    "select",
    { name: "expires" },
    h("option", { value: "" }, "never"),
    ["7", "30", "90", "365"].map((d) => h("option", { value: d }, `${d} days`)),
  );

  const { user, scopes: mine } = getState();
  const picker = scopePicker(mine.filter((s) => s !== "admin" || user.isAdmin));

  async function reload() {
    const tokens = await listTokens();
    fill(
      tokenList,
      tokenTable(
        tokens.filter((t) => t.kind === "api"),
        "api",
        revoke,
      ),
    );
    fill(
      sessionList,
      tokenTable(
        tokens.filter((t) => t.kind === "session"),
        "session",
        revoke,
      ),
    );
  }
  async function revoke(t) {
    try {
      if (t.current) {
        await logout();
        return onSignedOut();
      }
      await revokeToken(t.id);
      toast(`Revoked ${t.name}`);
      await reload();
    } catch (err) {
      toast(err.message, "error");
    }
  }
  /** everywhere ends every session of mine, this browser's too; API tokens keep working. */
  const everywhere = () =>
    confirmAction({
      title: "Log out everywhere?",
      message: "Every browser and device signed in as you is signed out, this one too. API tokens keep working.",
      confirm: "Log out everywhere",
      run: logoutEverywhere,
    }).then((done) => done && (toast("Logged out everywhere"), onSignedOut()));
  async function create(e) {
    e.preventDefault();
    if (!name.reportValidity()) return;
    const scopes = picker.value();
    if (!scopes.length) return toast("Tick at least one scope", "error");
    try {
      const r = await createToken({ name: name.value.trim(), scopes, ...(days.value ? { expiresInDays: Number(days.value) } : {}) });
      fill(created, shownOnce(r.token));
      name.value = "";
      picker.reset();
      await reload();
    } catch (err) {
      toast(err.message, "error");
    }
  }

  const el = [
    h(
      "section",
      { class: "card" },
      h("h2", {}, "API tokens"),
      h("p", { class: "muted" }, "For CI suites, Mailpit clients (basic auth: your email and a token) and AI agents (MCP at /mcp)."),
      h(
        "form",
        { onsubmit: create },
        h(
          "div",
          { class: "row" },
          field("Token name", name),
          field("Expires", days),
          h("button", { type: "submit", id: "create-token" }, "Create token"),
        ),
        picker.el,
      ),
      created,
      tokenList,
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "Sessions"),
      sessionList,
      h("button", { type: "button", class: "danger", id: "logout-everywhere", onclick: everywhere }, "Log out everywhere"),
    ),
  ];
  return { el, reload };
}
