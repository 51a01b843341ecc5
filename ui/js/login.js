import { api } from "./api.js";
import { field, h, mount, toast } from "./dom.js";
import { refreshAccounts, route, state } from "./app.js";

/** renderLogin: email (and password in password mode) with Log in and Register. */
export function renderLogin(params) {
  const passwordMode = state.config.authMode === "password";
  const email = h("input", { type: "email", name: "email", autocomplete: "email", required: true, placeholder: "alice@example.test" });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: passwordMode,
    minlength: passwordMode ? 10 : undefined,
  });
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = async (kind) => {
    error.textContent = "";
    if (!email.reportValidity() || (passwordMode && !password.reportValidity())) return;
    const body = { email: email.value.trim() };
    if (password.value) body.password = password.value;
    try {
      await api(`/api/v1/ui/${kind}`, { method: "POST", body });
      await refreshAccounts();
      toast(kind === "register" ? `Welcome, ${body.email}` : `Signed in as ${body.email}`);
      location.hash = "#/inbox";
      route();
    } catch (err) {
      error.textContent =
        err.code === "CONFLICT"
          ? "This address is already registered: use Log in."
          : err.code === "UNAUTHORIZED" && !passwordMode
            ? "No account uses this address yet: use Register."
            : err.message;
    }
  };
  const form = h(
    "form",
    { class: "card narrow", onsubmit: (e) => (e.preventDefault(), submit("login")) },
    h("h1", {}, params.get("add") ? "Add another account" : "Sign in to Sandpit"),
    passwordMode
      ? h("p", { class: "muted" }, "Sign in with your email address and password.")
      : h(
          "p",
          { class: "note" },
          "Open mode: any email address works, no password needed. Signing in issues a session token for this browser; you only see mail sent to or from your address.",
        ),
    field("Email address", email),
    passwordMode ? field("Password", password, "At least 10 characters.") : null,
    error,
    h(
      "div",
      { class: "row" },
      h("button", { type: "submit", id: "login" }, "Log in"),
      state.config.registration === "open" || !passwordMode
        ? h("button", { type: "button", id: "register", class: "secondary", onclick: () => submit("register") }, "Register")
        : null,
      state.accounts.length ? h("a", { href: "#/inbox" }, "Cancel") : null,
    ),
  );
  mount(form);
  email.focus();
}
