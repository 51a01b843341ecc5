import { api } from "./api.js";
import { field, h, mount, toast } from "./dom.js";
import { me } from "./app.js";

const split = (s) =>
  s
    .split(/[,;\s]+/)
    .map((x) => x.trim())
    .filter(Boolean);

/** renderCompose: To, Cc, Bcc, subject, text (and optional HTML); From is fixed to my address. */
export async function renderCompose(params) {
  const user = me();
  const to = h("input", { type: "text", name: "to", autocomplete: "off", placeholder: "bob@example.test, carol@example.test" });
  const cc = h("input", { type: "text", name: "cc", autocomplete: "off" });
  const bcc = h("input", { type: "text", name: "bcc", autocomplete: "off" });
  const subject = h("input", { type: "text", name: "subject", maxlength: 998 });
  const text = h("textarea", { name: "text", rows: 10 });
  const html = h("textarea", { name: "html", rows: 6, placeholder: "<p>Optional HTML body</p>" });
  const error = h("div", { class: "form-error", role: "alert" });

  let headers = {};

  // Replies and forwards are drafted by the server, with the same rules as MCP's send_email.
  const kind = ["reply", "replyAll", "forward"].find((k) => params.has(k));
  if (kind) {
    const id = encodeURIComponent(params.get(kind));
    const d = await api(`/api/v1/message/${id}/draft?kind=${kind === "replyAll" ? "reply-all" : kind}`);
    to.value = d.To.join(", ");
    cc.value = d.Cc.join(", ");
    subject.value = d.Subject;
    text.value = d.Text;
    headers = d.Headers;
  }

  async function send(e) {
    e.preventDefault();
    error.replaceChildren();
    const body = {
      To: split(to.value).map((Email) => ({ Email })),
      Cc: split(cc.value).map((Email) => ({ Email })),
      Bcc: split(bcc.value),
      Subject: subject.value,
      Text: text.value,
      HTML: html.value,
      Headers: headers,
    };
    if (body.To.length + body.Cc.length + body.Bcc.length === 0) {
      error.textContent = "Add at least one recipient in To, Cc or Bcc.";
      return to.focus();
    }
    try {
      const r = await api("/api/v1/send", { method: "POST", body });
      toast("Sent. It is already in your mailbox.");
      location.hash = `#/message/${r.ID}`;
    } catch (err) {
      const bad = (err.details ?? []).map((d) => d.message);
      error.append(h("p", {}, err.code === "BAD_REQUEST" ? "Not sent: check the addresses and fields below." : `Not sent: ${err.message}`));
      if (bad.length)
        error.append(
          h(
            "ul",
            {},
            bad.map((m) => h("li", {}, m)),
          ),
        );
    }
  }

  mount(
    h(
      "form",
      { class: "card compose", onsubmit: send },
      h("h1", {}, "New message"),
      field("From", h("input", { type: "text", value: user.email, readonly: true, "aria-readonly": "true" }), "Always your own address."),
      field("To", to, "Separate addresses with commas."),
      field("Cc", cc),
      field("Bcc", bcc, "Only you will see these."),
      field("Subject", subject),
      field("Text", text),
      h("details", {}, h("summary", {}, "HTML body (optional)"), field("HTML", html)),
      error,
      h("div", { class: "row" }, h("button", { type: "submit", id: "send" }, "Send"), h("a", { href: "#/inbox" }, "Cancel")),
    ),
  );
  (to.value ? text : to).focus();
}
