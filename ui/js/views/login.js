import { signIn } from "../actions/session.js";
import { field, h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { getState } from "../store.js";

/**
 * loginView: email (and password in password mode) with Log in and Register. `onSignedIn(from)` runs
 * once the new session is the active account.
 */
export function loginView(route, { onSignedIn }) {
  const { config, accounts } = getState();
  const passwordMode = config.authMode === "password";
  const email = h("input", { type: "email", name: "email", autocomplete: "email", required: true, placeholder: "alice@example.test" });
  const password = h("input", {
    type: "password",
    name: "password",
    autocomplete: "current-password",
    required: passwordMode,
    minlength: passwordMode ? 10 : undefined,
  });
  const code = h("input", {
    type: "text",
    name: "code",
    autocomplete: "one-time-code",
    inputmode: "numeric",
    maxlength: 64,
    placeholder: "123456",
  });
  // Shown once the server asks for a two-factor code (401 TOTP_REQUIRED); a recovery code works too.
  const codeField = field("Two-factor code", code, "The 6-digit code from your authenticator app, or a recovery code.");
  codeField.hidden = true;
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = async (kind) => {
    error.textContent = "";
    if (!email.reportValidity() || (passwordMode && !password.reportValidity())) return;
    const body = { email: email.value.trim() };
    if (password.value) body.password = password.value;
    if (kind === "login" && !codeField.hidden && code.value.trim()) body.code = code.value.trim();
    // Where I was when I signed in: the app shows me up as signed in before my profile has loaded,
    // and a page I go to in between is mine to keep.
    const from = location.hash;
    try {
      await signIn(kind, body);
      toast(kind === "register" ? `Welcome, ${body.email}` : `Signed in as ${body.email}`);
      onSignedIn(from);
    } catch (err) {
      if (err.code === "TOTP_REQUIRED") {
        codeField.hidden = false;
        code.focus();
      }
      error.textContent =
        err.code === "TOTP_REQUIRED"
          ? "Enter the code from your authenticator app, then Log in again."
          : err.code === "CONFLICT"
            ? "This address is already registered: use Log in."
            : err.code === "UNAUTHORIZED" && !passwordMode
              ? "No account uses this address yet: use Register."
              : err.message;
    }
  };
  const form = h(
    "form",
    { class: "card narrow", onsubmit: (e) => (e.preventDefault(), submit("login")) },
    h("h1", {}, route.params.get("add") ? "Add another account" : "Sign in to Sandpit"),
    passwordMode
      ? h("p", { class: "muted" }, "Sign in with your email address and password.")
      : h(
          "p",
          { class: "note" },
          "Open mode: any email address works, no password needed. Signing in issues a session token for this browser; you only see mail sent to or from your address.",
        ),
    field("Email address", email),
    passwordMode ? field("Password", password, "At least 10 characters.") : null,
    codeField,
    error,
    h(
      "div",
      { class: "row" },
      h("button", { type: "submit", id: "login" }, "Log in"),
      config.registration === "open" || !passwordMode
        ? h("button", { type: "button", id: "register", class: "secondary", onclick: () => submit("register") }, "Register")
        : null,
      accounts.length ? h("a", { href: "#/folder/Inbox" }, "Cancel") : null,
    ),
    passwordMode ? h("p", {}, h("a", { href: "#/forgot", id: "forgot" }, "Forgot password?")) : null,
  );
  return { el: form, focus: () => email.focus(), keys: {} };
}
