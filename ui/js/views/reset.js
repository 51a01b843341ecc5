import { resetPassword } from "../api/security.js";
import { field, h } from "../components/dom.js";

/**
 * resetView sets a new password with the one-time token of a reset link (#/reset?token=…). The
 * server's refusals (a weak password, a used or expired link) are shown next to the form.
 */
export function resetView(route) {
  const token = route.params.get("token") ?? "";
  const password = h("input", { type: "password", name: "password", autocomplete: "new-password", required: true, minlength: 10 });
  const again = h("input", { type: "password", name: "password-again", autocomplete: "new-password", required: true });
  const error = h("p", { class: "form-error", role: "alert", id: "reset-error" });
  const done = h(
    "div",
    { class: "note", role: "status", id: "reset-done", hidden: true },
    h("p", {}, "Your password is set. Every session of yours has ended: sign in with the new password."),
    h("a", { href: "#/login", class: "button" }, "Sign in"),
  );
  const button = h("button", { type: "submit", id: "set-password" }, "Set password");
  const submit = async (e) => {
    e.preventDefault();
    error.textContent = "";
    if (!password.reportValidity() || !again.reportValidity()) return;
    if (password.value !== again.value) {
      error.textContent = "The two passwords differ.";
      return;
    }
    button.disabled = true;
    try {
      await resetPassword(token, password.value);
      password.value = again.value = "";
      form.hidden = true;
      done.hidden = false;
    } catch (err) {
      error.textContent = err.message;
    } finally {
      button.disabled = false;
    }
  };
  const form = h(
    "form",
    { onsubmit: submit },
    field("New password", password, "At least 10 characters."),
    field("New password again", again),
    error,
    h("div", { class: "row" }, button, h("a", { href: "#/login" }, "Back to sign in")),
  );
  const missing = h(
    "p",
    { class: "form-error", role: "alert" },
    "This link has no token: open the whole link from the mail, or ask an admin for a new one.",
  );
  const el = h("section", { class: "card narrow" }, h("h1", {}, "Set a new password"), token ? form : missing, done);
  return { el, focus: () => password.focus(), keys: {} };
}
