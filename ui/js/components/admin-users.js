import { createUser, listUsers } from "../api/admin.js";
import { field, fill, formatDate, h } from "./dom.js";
import { dataTable, pageNav } from "./table.js";
import { toast } from "./toast.js";

const LIMIT = 20;

/** flags shows what sets a user apart: admin, disabled, two-factor, a throwaway inbox's end. */
export function userFlags(u) {
  return [
    u.isAdmin ? h("span", { class: "badge" }, "admin") : null,
    u.disabled ? h("span", { class: "badge danger" }, "disabled") : null,
    u.twoFactor ? h("span", { class: "badge" }, "2FA") : null,
    u.expiresAt ? h("span", { class: "badge" }, `ends ${formatDate(u.expiresAt)}`) : null,
  ];
}

/**
 * usersCard: every user (people or throwaway inboxes), searched by address or name, a page at a
 * time; Manage opens one (`onOpen(id)`). Returns { el, reload }.
 */
export function usersCard({ onOpen }) {
  let q = { query: "", kind: "people", start: 0 };
  const list = h("div", { id: "admin-users" });
  const query = h("input", { type: "search", name: "user-query", placeholder: "address or name", "aria-label": "Search users" });
  const kind = h(
    "select",
    { name: "kind", "aria-label": "Kind of account" },
    h("option", { value: "people" }, "People"),
    h("option", { value: "inboxes" }, "Throwaway inboxes"),
    h("option", { value: "all" }, "All"),
  );

  async function reload() {
    try {
      const r = await listUsers({ ...q, limit: LIMIT });
      const columns = [
        { label: "Email", cell: (u) => u.email },
        { label: "Name", cell: (u) => u.name },
        { label: "", cell: userFlags },
        { label: "Created", cell: (u) => formatDate(u.createdAt) },
        { label: "", cell: (u) => h("button", { type: "button", class: "secondary small", onclick: () => onOpen(u.id) }, "Manage") },
      ];
      fill(
        list,
        r.users.length
          ? dataTable(columns, r.users, { class: "users", attrs: (u) => ({ "data-user": u.email }) })
          : h("p", { class: "muted" }, "No user matches."),
        pageNav({ start: q.start, limit: LIMIT, shown: r.users.length, total: r.total, go: (start) => ((q = { ...q, start }), reload()) }),
      );
    } catch (err) {
      fill(list, h("p", { class: "form-error", role: "alert" }, err.message));
    }
  }
  const search = (e) => {
    e.preventDefault();
    q = { query: query.value.trim(), kind: kind.value, start: 0 };
    void reload();
  };
  kind.addEventListener("change", search);
  const el = h(
    "section",
    { class: "card" },
    h("h2", {}, "Users"),
    h(
      "form",
      { class: "row grow-first", role: "search", onsubmit: search },
      query,
      kind,
      h("button", { type: "submit", class: "secondary" }, "Search"),
    ),
    list,
  );
  return { el, reload };
}

/** createUserCard makes an account; without a password (password mode) its user sets one with a reset link. */
export function createUserCard({ passwordMode, onCreated }) {
  const email = h("input", { type: "email", name: "new-email", required: true, autocomplete: "off", placeholder: "carol@example.test" });
  const name = h("input", { type: "text", name: "new-name", maxlength: 100, autocomplete: "off" });
  const password = h("input", { type: "password", name: "new-password", autocomplete: "new-password" });
  const isAdmin = h("input", { type: "checkbox", name: "new-admin", id: "new-admin" });
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!email.reportValidity()) return;
    const body = { email: email.value.trim(), isAdmin: isAdmin.checked };
    if (name.value.trim()) body.name = name.value.trim();
    if (password.value) body.password = password.value;
    try {
      const u = await createUser(body);
      email.value = name.value = password.value = "";
      isAdmin.checked = false;
      toast(`Created ${u.email}${passwordMode && !body.password ? ": make them a reset link to set a password" : ""}`);
      await onCreated(u);
    } catch (err) {
      error.textContent = err.code === "CONFLICT" ? "Someone already uses this address." : err.message;
    }
  };
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Create a user"),
    h(
      "form",
      { onsubmit: submit, id: "create-user" },
      h(
        "div",
        { class: "row" },
        field("Email", email),
        field("Name", name),
        field("Password", password, passwordMode ? "Optional: leave empty and make a reset link." : "Optional."),
      ),
      h("label", { class: "check", for: "new-admin" }, isAdmin, "Admin"),
      error,
      h("button", { type: "submit" }, "Create user"),
    ),
  );
}
