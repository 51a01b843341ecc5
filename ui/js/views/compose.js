import { createDraftSaver } from "../actions/drafts.js";
import { getDraft } from "../api/drafts.js";
import { replyDraft } from "../api/messages.js";
import { addressField, formatAddresses, parseAddresses } from "../components/address-input.js";
import { field, h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { composeHref, folderHref, navigate } from "../router.js";
import { getState } from "../store.js";

const LOOKS_LIKE_ADDRESS = /^[^\s@<>,;]+@[^\s@<>,;]+\.[^\s@<>,;]+$/;
const REPLY_KINDS = { reply: "reply", replyAll: "reply-all", forward: "forward" };

/** startingPoint is what compose opens with: a draft of mine, the server's reply/forward draft, or nothing. */
async function startingPoint(params) {
  if (params.get("draft")) return { id: params.get("draft"), fields: await getDraft(params.get("draft")) };
  const kind = Object.keys(REPLY_KINDS).find((k) => params.has(k));
  // Replies and forwards are drafted by the server, with the same rules as MCP's send_email.
  if (kind) return { id: null, fields: await replyDraft(params.get(kind), REPLY_KINDS[kind]) };
  return { id: null, fields: { To: [], Cc: [], Bcc: [], Subject: params.get("subject") ?? "", Text: "", HTML: "", Headers: {} } };
}

/**
 * composeView writes a message: From (a picker when I have several addresses), To/Cc/Bcc with
 * autocomplete, subject, text and optional HTML. The draft saves itself while I type; Send saves
 * it once more and sends it.
 */
export async function composeView(route) {
  const { id, fields } = await startingPoint(route.params);
  const s = getState();
  const from =
    s.addresses.length > 1
      ? h(
          "select",
          { name: "from" },
          s.addresses.map((a) => h("option", { value: a, selected: a.toLowerCase() === (fields.From?.Email ?? "").toLowerCase() }, a)),
        )
      : h("input", { type: "text", name: "from", value: s.addresses[0] ?? s.user.email, readonly: true, "aria-readonly": "true" });
  const changed = () => saver.schedule();
  const to = addressField("To", {
    name: "to",
    value: formatAddresses(fields.To),
    hint: "Separate addresses with commas.",
    onChange: changed,
  });
  const cc = addressField("Cc", { name: "cc", value: formatAddresses(fields.Cc), onChange: changed });
  const bcc = addressField("Bcc", { name: "bcc", value: formatAddresses(fields.Bcc), hint: "Only you will see these.", onChange: changed });
  const subject = h("input", { type: "text", name: "subject", maxlength: 998, value: fields.Subject ?? "" });
  const text = h("textarea", { name: "text", rows: 12, value: fields.Text ?? "" });
  const html = h("textarea", { name: "html", rows: 6, placeholder: "<p>Optional HTML body</p>", value: fields.HTML ?? "" });
  const error = h("div", { class: "form-error", role: "alert" });
  const status = h("p", { class: "muted draft-status", id: "draft-status", role: "status" }, id ? "Draft opened" : "");
  const headers = fields.Headers ?? {};
  const kept = { ...(fields.Attachments?.length ? { Attachments: fields.Attachments } : {}) };

  /** body is the send body; an autosave leaves out what is not an address yet (I may still be typing it). */
  const body = ({ autosave }) => {
    const list = (input) => parseAddresses(input.value).filter((a) => !autosave || LOOKS_LIKE_ADDRESS.test(a.Email));
    return {
      From: { Email: from.value },
      To: list(to.input),
      Cc: list(cc.input),
      Bcc: list(bcc.input).map((a) => a.Email),
      Subject: subject.value,
      Text: text.value,
      HTML: html.value,
      Headers: headers,
      ...kept,
    };
  };
  const saver = createDraftSaver({
    id,
    body,
    onStatus: (t) => (status.textContent = t),
    // Reloading the page reopens the latest version (each save has a new ID).
    onSaved: (newId) => history.replaceState(null, "", composeHref("draft", newId)),
  });

  async function send(e) {
    e.preventDefault();
    error.replaceChildren();
    const b = body({ autosave: false });
    if (b.To.length + b.Cc.length + b.Bcc.length === 0) {
      error.textContent = "Add at least one recipient in To, Cc or Bcc.";
      return to.input.focus();
    }
    sendButton.disabled = true;
    try {
      const sentId = await saver.send();
      toast("Sent. It is already in your mailbox.");
      navigate(folderHref("Sent", sentId));
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
    } finally {
      sendButton.disabled = false;
    }
  }
  async function discard() {
    try {
      await saver.discard();
      toast("Draft discarded");
      navigate(folderHref(id ? "Drafts" : "Inbox"));
    } catch (err) {
      toast(err.message, "error");
    }
  }

  const sendButton = h("button", { type: "submit", id: "send" }, "Send");
  const form = h(
    "form",
    { class: "card compose", onsubmit: send, oninput: changed, "aria-labelledby": "compose-title" },
    h("h1", { id: "compose-title" }, route.params.get("draft") ? "Draft" : "New message"),
    field("From", from, s.addresses.length > 1 ? "One of your addresses." : "Always your own address."),
    to.el,
    cc.el,
    bcc.el,
    field("Subject", subject),
    field("Text", text),
    h("details", { open: Boolean(fields.HTML) }, h("summary", {}, "HTML body (optional)"), field("HTML", html)),
    error,
    h(
      "div",
      { class: "row" },
      sendButton,
      h("button", { type: "button", class: "secondary", onclick: discard }, "Discard"),
      h("a", { href: folderHref("Drafts") }, "Close (keep the draft)"),
      status,
    ),
  );
  const onUnload = () => saver.flush();
  window.addEventListener("beforeunload", onUnload);
  return {
    el: form,
    focus: () => (to.input.value ? text : to.input).focus(),
    keys: {},
    destroy() {
      window.removeEventListener("beforeunload", onUnload);
      saver.flush();
    },
  };
}
