import { checkImap, checkSmtp, createToken, getMailClients } from "../api/account.js";
import { clientPresets } from "./client-presets.js";
import { field, h } from "./dom.js";

/** doorsTable lists IMAP, POP3 and SMTP: server, port and security (and an implicit-TLS port when there is one). */
function doorsTable(doors) {
  const rows = doors.flatMap((d) => [
    h(
      "tr",
      { "data-protocol": d.protocol },
      h("th", {}, d.protocol),
      h("td", {}, d.host),
      h("td", {}, String(d.port)),
      h("td", {}, d.security),
    ),
    ...(d.tlsPort
      ? [
          h(
            "tr",
            { "data-protocol": `${d.protocol}S` },
            h("th", {}, `${d.protocol} (SSL/TLS)`),
            h("td", {}, d.host),
            h("td", {}, String(d.tlsPort)),
            h("td", {}, "TLS"),
          ),
        ]
      : []),
  ]);
  return h(
    "table",
    { id: "mail-client-doors" },
    h("thead", {}, h("tr", {}, h("th", {}, "Protocol"), h("th", {}, "Server"), h("th", {}, "Port"), h("th", {}, "Security"))),
    h("tbody", {}, ...rows),
  );
}

/**
 * mailClientsCard is the account page's "Mail clients" card: IMAP, POP3 and SMTP settings, set-up
 * steps for common clients, a button that creates a token to use as the password, and two real
 * tests: "Test connection" logs in to Sandpit's IMAP door and lists my folders; "Test sending"
 * logs in to its SMTP door with AUTH.
 */
export async function mailClientsCard({ onTokenCreated } = {}) {
  const s = await getMailClients();
  const password = h("input", { type: "password", id: "mail-client-password", autocomplete: "off", required: true });
  const imapResult = h("div", { id: "imap-result", role: "status", "aria-live": "polite" });
  const smtpResult = h("p", { id: "smtp-result", role: "status", "aria-live": "polite" });
  const created = h("div", { "aria-live": "polite" });

  const makeToken = async () => {
    let r;
    try {
      r = await createToken({ name: "mail client" });
    } catch (err) {
      created.replaceChildren(h("p", { class: "form-error" }, `No token created: ${err.message}`));
      return;
    }
    password.value = r.token;
    await onTokenCreated?.();
    created.replaceChildren(
      h(
        "div",
        { class: "note" },
        h("p", {}, h("strong", {}, "Use this token as the password in your mail client; it is shown only once.")),
        h("input", { type: "text", readonly: true, value: r.token, id: "mail-client-token", "aria-label": "Mail client token", size: 60 }),
      ),
    );
  };

  /** run performs one test and shows its outcome in `out`. */
  const run = async (out, check, show) => {
    if (!password.reportValidity()) return;
    out.className = "";
    out.replaceChildren("Connecting…");
    try {
      const r = await check(password.value);
      out.className = r.ok ? "ok" : "form-error";
      out.replaceChildren(...show(r));
    } catch (err) {
      out.className = "form-error";
      out.replaceChildren(`The test could not run: ${err.message}`);
    }
  };
  const testImap = (e) => {
    e.preventDefault();
    return run(imapResult, checkImap, (r) =>
      r.ok
        ? [
            h("p", {}, `Connected over IMAP: ${r.folders.length} folders`),
            h("ul", { class: "folders-found" }, ...r.folders.map((f) => h("li", {}, f))),
          ]
        : [h("p", {}, `Refused: ${r.reply}`)],
    );
  };
  const testSmtp = () => run(smtpResult, checkSmtp, (r) => [`${r.ok ? "Connected" : "Refused"}: ${r.reply}`]);

  return h(
    "section",
    { class: "card", id: "mail-clients-card" },
    h("h2", {}, "Mail clients"),
    h("p", { class: "muted" }, "Read your mail in any mail client over IMAP or POP3, and send as yourself over SMTP."),
    doorsTable(s.doors),
    h("dl", { class: "meta" }, h("dt", {}, "Username"), h("dd", {}, s.username), h("dt", {}, "Password"), h("dd", {}, s.password)),
    clientPresets(s.doors, s.username),
    h("button", { type: "button", id: "mail-client-create-token", onclick: makeToken }, "Create a token for mail clients"),
    created,
    h(
      "form",
      { class: "row", onsubmit: testImap },
      field("Password (a token)", password),
      h("button", { type: "submit", id: "imap-test" }, "Test connection"),
      h("button", { type: "button", id: "smtp-test", onclick: testSmtp }, "Test sending"),
    ),
    imapResult,
    smtpResult,
  );
}
