import { api } from "./api.js";
import { field, formatDate, h, mount, toast } from "./dom.js";
import { me, refreshAccounts, route, state } from "./app.js";
import { smtpCard } from "./smtp-card.js";

/** renderAccount: my name, API tokens (create/revoke), active sessions, SMTP, and password change. */
export async function renderAccount() {
  const user = me();
  const created = h("div", { "aria-live": "polite" });
  const name = h("input", { type: "text", name: "token-name", required: true, maxlength: 100, placeholder: "ci-pipeline" });
  const days = h(
    "select",
    { name: "expires" },
    h("option", { value: "" }, "never"),
    ["7", "30", "90", "365"].map((d) => h("option", { value: d }, `${d} days`)),
  );

  const createToken = async (e) => {
    e.preventDefault();
    if (!name.reportValidity()) return;
    const r = await api("/api/v1/auth/tokens", {
      method: "POST",
      body: { name: name.value.trim(), ...(days.value ? { expiresInDays: Number(days.value) } : {}) },
    });
    const value = h("input", { type: "text", readonly: true, value: r.token, id: "new-token", "aria-label": "New token", size: 60 });
    created.replaceChildren(
      h(
        "div",
        { class: "note" },
        h("p", {}, h("strong", {}, "Copy this token now: it is shown only once.")),
        h(
          "div",
          { class: "row" },
          value,
          h(
            "button",
            {
              type: "button",
              onclick: async () => {
                try {
                  await navigator.clipboard.writeText(r.token);
                  toast("Copied");
                } catch {
                  value.select();
                  toast("Press Ctrl+C to copy", "error");
                }
              },
            },
            "Copy",
          ),
        ),
      ),
    );
    name.value = "";
    await listTokens();
  };

  const tokenList = h("div", {});
  const sessionList = h("div", {});
  async function listTokens() {
    const { tokens } = await api("/api/v1/auth/tokens");
    const table = (rows, kind) =>
      rows.length
        ? h(
            "table",
            { class: "tokens" },
            h(
              "thead",
              {},
              h(
                "tr",
                {},
                h("th", {}, "Name"),
                h("th", {}, "Created"),
                h("th", {}, "Last used"),
                kind === "api" ? h("th", {}, "Expires") : h("th", {}, "From"),
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
                  h("td", {}, formatDate(t.createdAt)),
                  h("td", {}, t.lastUsedAt ? formatDate(t.lastUsedAt) : "never"),
                  h(
                    "td",
                    {},
                    kind === "api"
                      ? t.expiresAt
                        ? formatDate(t.expiresAt)
                        : "never"
                      : `${t.createdIp ?? "?"} · ${t.createdUserAgent ?? "?"}`,
                  ),
                  h("td", {}, h("button", { type: "button", class: "danger small", onclick: () => revoke(t) }, "Revoke")),
                ),
              ),
            ),
          )
        : h("p", { class: "muted" }, kind === "api" ? "No API tokens yet." : "No other sessions.");
    tokenList.replaceChildren(
      table(
        tokens.filter((t) => t.kind === "api"),
        "api",
      ),
    );
    sessionList.replaceChildren(
      table(
        tokens.filter((t) => t.kind === "session"),
        "session",
      ),
    );
  }
  async function revoke(t) {
    if (t.current) {
      await api("/api/v1/ui/logout", { method: "POST" });
      await refreshAccounts();
      location.hash = state.active ? "#/inbox" : "#/login";
      return route();
    }
    await api(`/api/v1/auth/tokens/${encodeURIComponent(t.id)}`, { method: "DELETE" });
    toast(`Revoked ${t.name}`);
    await listTokens();
  }

  const current = h("input", { type: "password", autocomplete: "current-password" });
  const next = h("input", { type: "password", autocomplete: "new-password", minlength: 10, required: true });
  const pwError = h("p", { class: "form-error", role: "alert" });
  const changePassword = async (e) => {
    e.preventDefault();
    pwError.textContent = "";
    try {
      await api("/api/v1/auth/password", { method: "POST", body: { current: current.value || undefined, password: next.value } });
      current.value = next.value = "";
      toast("Password changed");
    } catch (err) {
      pwError.textContent = err.message;
    }
  };

  const nameInput = h("input", { type: "text", name: "name", maxlength: 100, value: user.name, autocomplete: "name" });
  const saveName = async (e) => {
    e.preventDefault();
    await api("/api/v1/auth/me", { method: "PATCH", body: { name: nameInput.value } });
    await refreshAccounts();
    toast("Name saved: it is the sender name on mail you send");
  };
  mount(
    h(
      "section",
      { class: "card" },
      h("h1", {}, "Account"),
      h("p", {}, h("strong", {}, user.email), user.isAdmin ? h("em", {}, " · admin") : ""),
      h(
        "form",
        { class: "row", onsubmit: saveName },
        field("Name", nameInput, "Shown as the sender name on mail you send."),
        h("button", { type: "submit", id: "save-name" }, "Save"),
      ),
    ),
    h(
      "section",
      { class: "card" },
      h("h2", {}, "API tokens"),
      h("p", { class: "muted" }, "For CI suites, Mailpit clients (basic auth: your email and a token) and AI agents (MCP at /mcp)."),
      h(
        "form",
        { class: "row", onsubmit: createToken },
        field("Token name", name),
        field("Expires", days),
        h("button", { type: "submit", id: "create-token" }, "Create token"),
      ),
      created,
      tokenList,
    ),
    h("section", { class: "card" }, h("h2", {}, "Sessions"), sessionList),
    await smtpCard({ onTokenCreated: () => listTokens() }),
    state.config.authMode === "password"
      ? h(
          "section",
          { class: "card" },
          h("h2", {}, "Change password"),
          h(
            "form",
            { onsubmit: changePassword },
            field("Current password", current),
            field("New password", next, "At least 10 characters."),
            pwError,
            h("button", { type: "submit" }, "Change password"),
          ),
        )
      : null,
  );
  await listTokens();
}
