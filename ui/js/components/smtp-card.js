import { checkSmtp, createToken, getSmtp } from "../api/account.js";
import { field, h } from "./dom.js";

/**
 * smtpCard is the account page's "SMTP" card: what a mail client needs to send through Sandpit as
 * me, a button that creates a token to use as the password, and a real connection test (Sandpit
 * logs in to its own SMTP server with AUTH and reports the server's answer).
 */
export async function smtpCard({ onTokenCreated } = {}) {
  const s = await getSmtp();
  const password = h("input", { type: "password", id: "smtp-password", autocomplete: "off", required: true });
  const result = h("p", { id: "smtp-result", role: "status", "aria-live": "polite" });
  const created = h("div", { "aria-live": "polite" });

  const makeToken = async () => {
    let r;
    try {
      r = await createToken({ name: "mail client" });
    } catch (err) {
      result.className = "form-error";
      result.textContent = `No token created: ${err.message}`;
      return;
    }
    password.value = r.token;
    await onTokenCreated?.();
    created.replaceChildren(
      h(
        "div",
        { class: "note" },
        h("p", {}, h("strong", {}, "Use this token as the SMTP password; it is shown only once.")),
        h("input", { type: "text", readonly: true, value: r.token, id: "smtp-token", "aria-label": "Mail client token", size: 60 }),
      ),
    );
  };

  const test = async (e) => {
    e.preventDefault();
    if (!password.reportValidity()) return;
    result.className = "";
    result.textContent = "Connecting…";
    let r;
    try {
      r = await checkSmtp(password.value);
    } catch (err) {
      result.className = "form-error";
      result.textContent = `The test could not run: ${err.message}`;
      return;
    }
    result.className = r.ok ? "ok" : "form-error";
    result.textContent = `${r.ok ? "Connected" : "Refused"}: ${r.reply}`;
  };

  const row = (label, value) => [h("dt", {}, label), h("dd", {}, value)];
  return h(
    "section",
    { class: "card", id: "smtp-card" },
    h("h2", {}, "SMTP"),
    h("p", { class: "muted" }, "Send through Sandpit from a mail client or an app, as yourself: the sender must be your own address."),
    h(
      "dl",
      { class: "meta" },
      row("Host", s.host),
      row("Port", String(s.port)),
      row("Security", s.security),
      row("Username", s.username),
      row("Password", "one of your tokens"),
    ),
    h("button", { type: "button", id: "smtp-create-token", onclick: makeToken }, "Create a token for mail clients"),
    created,
    h(
      "form",
      { class: "row", onsubmit: test },
      field("Password (a token)", password),
      h("button", { type: "submit", id: "smtp-test" }, "Test connection"),
    ),
    result,
  );
}
