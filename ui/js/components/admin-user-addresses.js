import { addUserAddress, addUserDomain, removeDomain, removeUserAddress } from "../api/admin.js";
import { field, h } from "./dom.js";
import { toast } from "./toast.js";

/** listForm is a list of values, each with Remove, and a one-field form that adds one. */
function listForm({ title, items, removable, label, input, add, remove, empty }) {
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!input.reportValidity()) return;
    try {
      await add(input.value.trim());
    } catch (err) {
      error.textContent = err.code === "ADDRESS_TAKEN" ? `Someone already has it: ${err.message}` : err.message;
    }
  };
  const rm = async (v) => {
    try {
      await remove(v);
    } catch (err) {
      toast(err.message, "error");
    }
  };
  return h(
    "div",
    { class: "sub" },
    h("h3", {}, title),
    items.length
      ? h(
          "ul",
          { class: "addresses" },
          items.map((v) =>
            h(
              "li",
              {},
              h("span", {}, v.label),
              removable(v)
                ? h(
                    "button",
                    { type: "button", class: "danger small", "aria-label": `Remove ${v.label}`, onclick: () => rm(v.value) },
                    "Remove",
                  )
                : h("em", { class: "muted" }, " primary"),
            ),
          ),
        )
      : h("p", { class: "muted" }, empty),
    h("form", { class: "row", onsubmit: submit }, field(label, input), h("button", { type: "submit", class: "secondary" }, "Add")),
    error,
  );
}

/**
 * userAddresses: a user's addresses (the primary one stays) and catch-all domains (`*@run-42.test`:
 * every address there that nobody registered is theirs). `changed(message)` reloads the panel.
 */
export function userAddresses(user, changed) {
  const addresses = listForm({
    title: "Addresses",
    items: user.addresses.map((a) => ({ value: a, label: a })),
    removable: (v) => v.value !== user.email,
    label: "New address",
    input: h("input", { type: "email", name: "user-address", required: true, placeholder: "carol+ci@example.test" }),
    add: async (a) => changed(`Added ${(await addUserAddress(user.id, a)).address ?? a}`),
    remove: async (a) => (await removeUserAddress(user.id, a), changed(`Removed ${a}`)),
    empty: "",
  });
  const domains = listForm({
    title: "Catch-all domains",
    items: user.domains.map((d) => ({ value: d, label: `*@${d}` })),
    removable: () => true,
    label: "New catch-all domain",
    input: h("input", {
      type: "text",
      name: "user-domain",
      required: true,
      placeholder: "run-42.test",
      pattern: "(\\*@)?[A-Za-z0-9.\\-]+",
    }),
    add: async (d) => changed(`Added *@${(await addUserDomain(user.id, d.replace(/^\*@/, ""))).domain}`),
    remove: async (d) => (await removeDomain(d), changed(`Removed *@${d}`)),
    empty: "None: only the addresses above are theirs.",
  });
  return [addresses, domains];
}
