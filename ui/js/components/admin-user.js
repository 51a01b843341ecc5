import { deleteUser, getUser, makeResetLink, revokeAllTokens, revokeAnyToken, updateUser } from "../api/admin.js";
import { userAddresses } from "./admin-user-addresses.js";
import { userFlags } from "./admin-users.js";
import { confirmAction } from "./dialog.js";
import { fill, formatDate, h } from "./dom.js";
import { clientCell, copyBox, dataTable } from "./table.js";
import { toast } from "./toast.js";

/** tokensOf lists a user's sessions and API tokens (never a secret), each with Revoke. */
function tokensOf(user, revoke) {
  if (!user.tokens.length) return h("p", { class: "muted" }, "No sessions or API tokens.");
  const columns = [
    { label: "Kind", cell: (t) => (t.kind === "api" ? "API token" : "session") },
    { label: "Name", cell: (t) => t.name },
    { label: "Scopes", cell: (t) => t.scopes.join(", ") },
    { label: "Created", cell: (t) => formatDate(t.createdAt) },
    { label: "Last used", cell: (t) => (t.lastUsedAt ? formatDate(t.lastUsedAt) : "never") },
    { label: "From", cell: (t) => clientCell(t.createdIp, t.createdUserAgent) },
    { label: "", cell: (t) => h("button", { type: "button", class: "danger small", onclick: () => revoke(t) }, "Revoke") },
  ];
  return dataTable(columns, user.tokens, { class: "tokens", attrs: (t) => ({ "data-token": t.id }) });
}

/**
 * userPanel manages one user: disable or enable, admin or not, a reset link, delete; addresses
 * and catch-all domains; sessions and API tokens. `onChanged` runs after each change (the list
 * reloads), `onClose` when the panel closes (Close, or the user was deleted).
 */
export function userPanel(id, { me, passwordMode, onChanged, onClose }) {
  const el = h("section", { class: "card", id: "admin-user", "aria-live": "polite" }, h("p", { class: "muted" }, "Loading…"));
  const linkBox = h("div", {});

  const act = (fn) => async () => {
    try {
      const message = await fn();
      if (message) toast(message);
      await load();
      await onChanged();
    } catch (err) {
      toast(err.message, "error");
    }
  };
  async function load() {
    let user;
    try {
      user = await getUser(id);
    } catch (err) {
      return fill(el, h("p", { class: "form-error", role: "alert" }, err.message));
    }
    const self = user.id === me.id;
    const button = (label, fn, cls = "secondary") =>
      h("button", { type: "button", class: `${cls} small`, disabled: self && cls === "danger", onclick: act(fn) }, label);
    const reset = async () => {
      const r = await makeResetLink(user.id);
      fill(
        linkBox,
        h(
          "div",
          { class: "note" },
          h("p", {}, h("strong", {}, `A reset link for ${user.email}`), ` works once, until ${new Date(r.expiresAt).toLocaleString()}.`),
          copyBox(r.url ?? r.token, {
            label: "Reset link",
            id: "reset-link",
            onCopied: (ok) => toast(ok ? "Copied" : "Press Ctrl+C to copy", ok ? "info" : "error"),
          }),
        ),
      );
    };
    const remove = () =>
      confirmAction({
        title: `Delete ${user.email}?`,
        message: "Their account, tokens, addresses and folders go, and their mail unless someone else has it too. This cannot be undone.",
        confirm: "Delete user",
        run: () => deleteUser(user.id),
      }).then(async (done) => {
        if (!done) return;
        toast(`Deleted ${user.email}`);
        await onChanged();
        onClose();
      });
    fill(
      el,
      h(
        "div",
        { class: "row spread" },
        h("h2", {}, user.email, " ", userFlags(user)),
        h("button", { type: "button", class: "secondary small", onclick: onClose }, "Close"),
      ),
      h("p", { class: "muted" }, `${user.name || "No name"} · created ${formatDate(user.createdAt)}${self ? " · this is you" : ""}`),
      h(
        "div",
        { class: "row", id: "user-actions" },
        user.disabled
          ? button("Enable", async () => (await updateUser(user.id, { disabled: false }), `Enabled ${user.email}`))
          : button(
              "Disable",
              async () => (await updateUser(user.id, { disabled: true }), `Disabled ${user.email}: their tokens stop working`),
              "danger",
            ),
        user.isAdmin
          ? button("Remove admin", async () => (await updateUser(user.id, { isAdmin: false }), `${user.email} is no admin now`), "danger")
          : button("Make admin", async () => (await updateUser(user.id, { isAdmin: true }), `${user.email} is an admin now`)),
        passwordMode ? button("Make reset link", reset) : null,
        h("button", { type: "button", class: "danger small", disabled: self, onclick: remove }, "Delete user"),
      ),
      linkBox,
      userAddresses(user, async (message) => {
        toast(message);
        await load();
      }),
      h(
        "div",
        { class: "sub" },
        h(
          "div",
          { class: "row spread" },
          h("h3", {}, "Sessions and API tokens"),
          user.tokens.length
            ? button("Revoke all", async () => `Revoked ${(await revokeAllTokens(user.id)).revoked} tokens of ${user.email}`, "danger")
            : null,
        ),
        tokensOf(user, (t) => act(async () => (await revokeAnyToken(t.id), `Revoked ${t.name}`))()),
      ),
    );
  }
  void load();
  return { el, reload: load };
}
