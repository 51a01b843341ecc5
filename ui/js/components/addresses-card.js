import { loadFolders } from "../actions/mailbox.js";
import { loadProfile } from "../actions/session.js";
import { addAddress, listAddresses, removeAddress } from "../api/account.js";
import { field, fill, h } from "./dom.js";
import { toast } from "./toast.js";

/**
 * addressesCard: the addresses I receive and send mail as (the primary one cannot be removed),
 * my catch-all domains, and a form to add an address. Mail already sent to a new address becomes mine.
 */
export async function addressesCard() {
  const list = h("div", {});
  const input = h("input", { type: "email", name: "address", required: true, placeholder: "me+ci@example.test" });
  const error = h("p", { class: "form-error", role: "alert" });

  async function reload() {
    const r = await listAddresses();
    fill(
      list,
      h(
        "ul",
        { class: "addresses" },
        r.addresses.map((a) =>
          h(
            "li",
            {},
            h("span", {}, a.address),
            a.primary
              ? h("em", { class: "muted" }, " primary")
              : h(
                  "button",
                  { type: "button", class: "danger small", "aria-label": `Remove ${a.address}`, onclick: () => remove(a.address) },
                  "Remove",
                ),
          ),
        ),
      ),
      r.domains?.length ? h("p", { class: "muted" }, `Catch-all domains: ${r.domains.map((d) => `*@${d}`).join(", ")}`) : null,
    );
  }
  async function changed(message) {
    toast(message);
    await Promise.all([reload(), loadProfile(), loadFolders()]);
  }
  async function remove(address) {
    try {
      await removeAddress(address);
      await changed(`Removed ${address}`);
    } catch (err) {
      toast(err.message, "error");
    }
  }
  async function add(e) {
    e.preventDefault();
    error.textContent = "";
    if (!input.reportValidity()) return;
    try {
      const r = await addAddress(input.value.trim());
      input.value = "";
      await changed(`Added ${r.address}: you can send from it and receive its mail`);
    } catch (err) {
      error.textContent = err.code === "ADDRESS_TAKEN" ? "Someone already uses this address." : err.message;
    }
  }
  await reload();
  return h(
    "section",
    { class: "card", id: "addresses" },
    h("h2", {}, "Addresses"),
    h("p", { class: "muted" }, "Mail to or from any of these is yours; Compose lets you pick one as the sender."),
    list,
    h("form", { class: "row", onsubmit: add }, field("New address", input), h("button", { type: "submit" }, "Add address")),
    error,
  );
}
