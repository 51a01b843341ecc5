import { saveName } from "../actions/session.js";
import { changePassword } from "../api/account.js";
import { activityCard } from "../components/activity-card.js";
import { addressesCard } from "../components/addresses-card.js";
import { field, h } from "../components/dom.js";
import { preferencesCard } from "../components/preferences-card.js";
import { mailClientsCard } from "../components/mail-clients-card.js";
import { tokensCard } from "../components/tokens-card.js";
import { toast } from "../components/toast.js";
import { twoFactorCard } from "../components/two-factor-card.js";
import { getState } from "../store.js";

/** passwordCard changes my password (password mode only). */
function passwordCard() {
  const current = h("input", { type: "password", autocomplete: "current-password" });
  const next = h("input", { type: "password", autocomplete: "new-password", minlength: 10, required: true });
  const error = h("p", { class: "form-error", role: "alert" });
  const submit = async (e) => {
    e.preventDefault();
    error.textContent = "";
    try {
      await changePassword({ current: current.value || undefined, password: next.value });
      current.value = next.value = "";
      toast("Password changed");
    } catch (err) {
      error.textContent = err.message;
    }
  };
  return h(
    "section",
    { class: "card" },
    h("h2", {}, "Change password"),
    h(
      "form",
      { onsubmit: submit },
      field("Current password", current),
      field("New password", next, "At least 10 characters."),
      error,
      h("button", { type: "submit" }, "Change password"),
    ),
  );
}

/**
 * accountView: my name, preferences (theme, page size, notifications), addresses, API tokens and
 * sessions, the mail-clients card (IMAP, POP3, SMTP), (in password mode) the password and
 * two-factor, and my activity. `onSignedOut` runs when I revoke the session of this browser.
 */
export async function accountView(_route, { onSignedOut }) {
  const { user, config } = getState();
  const nameInput = h("input", { type: "text", name: "name", maxlength: 100, value: user.name ?? "", autocomplete: "name" });
  const submitName = async (e) => {
    e.preventDefault();
    try {
      await saveName(nameInput.value);
      toast("Name saved: it is the sender name on mail you send");
    } catch (err) {
      toast(err.message, "error");
    }
  };
  const tokens = tokensCard({ onSignedOut });
  const el = h(
    "div",
    { class: "account" },
    h(
      "section",
      { class: "card" },
      h("h1", {}, "Account"),
      h("p", {}, h("strong", {}, user.email), user.isAdmin ? h("em", {}, " · admin") : ""),
      h(
        "form",
        { class: "row", onsubmit: submitName },
        field("Name", nameInput, "Shown as the sender name on mail you send."),
        h("button", { type: "submit", id: "save-name" }, "Save"),
      ),
    ),
    preferencesCard(),
    await addressesCard(),
    tokens.el,
    await mailClientsCard({ onTokenCreated: tokens.reload }),
    config.authMode === "password" ? passwordCard() : null,
    config.authMode === "password" ? await twoFactorCard() : null,
    await activityCard(),
  );
  await tokens.reload();
  return { el, keys: {} };
}
