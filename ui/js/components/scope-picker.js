import { h } from "./dom.js";

/** What each scope lets a token do (README, "Scoped tokens"). */
const SCOPE_HINTS = {
  read: "read my mail, folders and events; IMAP and POP3",
  write: "change my mailbox: read state, stars, moves, deletes, drafts",
  send: "send mail (API, MCP, SMTP)",
  manage: "my account: tokens, addresses, preferences, two-factor, inboxes",
  admin: "the admin console's API",
};

/**
 * scopePicker: one checkbox per scope I have, all ticked at first (a token never gets a scope its
 * maker lacks). Returns { el, value(), reset() }; value() is the ticked scopes, in order.
 */
export function scopePicker(scopes) {
  const boxes = scopes.map((s) => h("input", { type: "checkbox", name: "scope", value: s, checked: true, id: `scope-${s}` }));
  const el = h(
    "fieldset",
    { class: "scopes" },
    h("legend", {}, "Scopes"),
    boxes.map((b) =>
      h(
        "label",
        { class: "check", for: b.id, title: SCOPE_HINTS[b.value] ?? "" },
        b,
        h("code", {}, b.value),
        h("small", { class: "muted" }, SCOPE_HINTS[b.value] ?? ""),
      ),
    ),
  );
  return {
    el,
    value: () => boxes.filter((b) => b.checked).map((b) => b.value),
    reset: () => boxes.forEach((b) => (b.checked = true)),
  };
}
