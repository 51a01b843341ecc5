import { requestReset } from "../api/security.js";
import { field, h } from "../components/dom.js";

/**
 * forgotView asks for a password-reset link. The server's answer is the same whether or not the
 * address has an account (it never tells), so the page shows that neutral message as it is.
 */
export function forgotView() {
  const email = h("input", { type: "email", name: "email", autocomplete: "email", required: true, placeholder: "alice@example.test" });
  const error = h("p", { class: "form-error", role: "alert" });
  const done = h("p", { class: "note", role: "status", id: "reset-requested", hidden: true });
  const button = h("button", { type: "submit", id: "send-reset" }, "Send reset link");
  const submit = async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!email.reportValidity()) return;
    button.disabled = true;
    try {
      const r = await requestReset(email.value.trim());
      done.textContent = `${r.message[0].toUpperCase()}${r.message.slice(1)}. No mail? Ask an admin for a reset link.`;
      done.hidden = false;
    } catch (err) {
      error.textContent = err.status === 429 ? "Too many reset requests from here: try again later." : err.message;
    } finally {
      button.disabled = false;
    }
  };
  const el = h(
    "form",
    { class: "card narrow", onsubmit: submit },
    h("h1", {}, "Forgot your password?"),
    h("p", { class: "muted" }, "Give your address: if it has an account, a one-time link to set a new password is mailed to it."),
    field("Email address", email),
    error,
    done,
    h("div", { class: "row" }, button, h("a", { href: "#/login" }, "Back to sign in")),
  );
  return { el, focus: () => email.focus(), keys: {} };
}
