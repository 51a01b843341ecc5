import { h } from "./dom.js";

/**
 * clientPresets are short set-up steps for common mail clients, filled in with this Sandpit's own
 * servers and ports. `doors` is GET /api/v1/mail-clients's list; `username` my address.
 */
export function clientPresets(doors, username) {
  const by = Object.fromEntries(doors.map((d) => [d.protocol, d]));
  const imap = by.IMAP;
  const smtp = by.SMTP;
  const at = (d) => `${d.host}, port ${d.port}, STARTTLS`;
  const steps = {
    Thunderbird: [
      `Add a mail account with your name, ${username} and a token as the password: Thunderbird reads the settings from Sandpit itself.`,
      `If it asks: IMAP ${at(imap)}; SMTP ${at(smtp)}; authentication "Normal password"; username ${username}.`,
    ],
    "Apple Mail": [
      "Mail → Add Account → Other Mail Account; enter your address and a token as the password.",
      `Account type IMAP, incoming server ${imap.host}, outgoing server ${smtp.host}; then under Server Settings turn off automatic settings and set IMAP port ${imap.port} and SMTP port ${smtp.port}, with TLS.`,
    ],
    Outlook: [
      "File → Add Account → Advanced options → Let me set up my account manually → IMAP.",
      `Incoming ${at(imap)}; outgoing ${at(smtp)}; the password is a token.`,
    ],
  };
  return h(
    "div",
    { class: "presets" },
    ...Object.entries(steps).map(([client, lines]) =>
      h("details", {}, h("summary", {}, client), h("ol", {}, ...lines.map((l) => h("li", {}, l)))),
    ),
    h(
      "p",
      { class: "muted" },
      "Unless the operator installed a certificate, Sandpit's is self-signed: accept it when your mail client asks.",
    ),
  );
}
