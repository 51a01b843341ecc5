import { markRead, move, openMessage, remove, star } from "../actions/mailbox.js";
import { attachmentList, messageBody } from "../components/message-body.js";
import { addressList, errorBox, fill, h } from "../components/dom.js";
import { toast } from "../components/toast.js";
import { composeHref, navigate } from "../router.js";
import { getState, roleOf, subscribe, summaryById } from "../store.js";

/**
 * messageView loads and shows one message for the reading pane (or the whole window on a narrow
 * one): its actions, headers, attachments and body tabs. `folder` is where it sits for me,
 * `backHref`/`backLabel` lead back to the list. Returns { el, actions } for keyboard shortcuts.
 */
export async function messageView(id, { folder, backHref, backLabel }) {
  let m;
  try {
    m = await openMessage(id);
  } catch (err) {
    const gone = err.status === 404;
    return {
      el: errorBox(
        gone ? "This message is not in your mailbox" : "The message could not be loaded",
        gone ? "It may have been deleted, here or in another tab." : err.message,
        h("a", { href: backHref }, `Back to ${backLabel}`),
      ),
      actions: {},
    };
  }
  // Where it really is for me (mail to myself is in Inbox, even when opened from Sent).
  const where = summaryById(id)?.Folder ?? folder ?? "Inbox";
  const inTrash = roleOf(where) === "trash";
  let starred = summaryById(id)?.Starred ?? false;
  const done = (p) =>
    p.then(
      (msg) => {
        toast(msg);
        navigate(backHref);
      },
      (err) => toast(err.message, "error"),
    );

  const starButton = h(
    "button",
    { type: "button", class: "secondary star-toggle", "aria-pressed": String(starred), onclick: () => toggleStar() },
    starred ? "★ Starred" : "☆ Star",
  );
  const toggleStar = async () => {
    starred = !starred;
    starButton.setAttribute("aria-pressed", String(starred));
    starButton.textContent = starred ? "★ Starred" : "☆ Star";
    try {
      toast(await star([id], starred));
    } catch (err) {
      toast(err.message, "error");
    }
  };
  const moveSelect = h("select", {
    "aria-label": "Move this message to",
    onchange: (e) => e.target.value && done(move([id], e.target.value)),
  });
  const moveOptions = () =>
    fill(
      moveSelect,
      h("option", { value: "" }, "Move to…"),
      getState()
        .folders.filter((f) => f.name !== where)
        .map((f) => h("option", { value: f.name }, f.name)),
    );
  moveOptions();
  // Folders created, renamed or removed meanwhile (here or in another tab) are offered at once.
  const off = subscribe((_s, keys) => keys.includes("folders") && moveOptions());
  const actions = {
    reply: () => navigate(composeHref("reply", id)),
    replyAll: () => navigate(composeHref("replyAll", id)),
    forward: () => navigate(composeHref("forward", id)),
    star: toggleStar,
    delete: () => done(remove([id], () => where)),
  };

  const mine = getState().addresses.map((a) => a.toLowerCase());
  const sentByMe = mine.includes(m.From?.Address?.toLowerCase());
  const body = messageBody(m);
  const el = h(
    "article",
    { class: "message", "aria-labelledby": "message-subject" },
    h(
      "div",
      { class: "message-actions row" },
      h("a", { href: backHref, class: "back" }, `← ${backLabel}`),
      h("a", { class: "button secondary", href: composeHref("reply", id) }, "Reply"),
      h("a", { class: "button secondary", href: composeHref("replyAll", id) }, "Reply all"),
      h("a", { class: "button secondary", href: composeHref("forward", id) }, "Forward"),
      starButton,
      h("button", { type: "button", class: "secondary", onclick: () => done(markRead([id], false)) }, "Mark unread"),
      moveSelect,
      h("button", { type: "button", class: "danger", onclick: actions.delete }, inTrash ? "Delete for good" : "Delete"),
    ),
    h("h1", { class: "subject", id: "message-subject" }, m.Subject || "(no subject)"),
    h(
      "dl",
      { class: "meta" },
      h("dt", {}, "From"),
      h("dd", {}, addressList([m.From])),
      h("dt", {}, "To"),
      h("dd", {}, addressList(m.To) || "—"),
      m.Cc?.length ? [h("dt", {}, "Cc"), h("dd", {}, addressList(m.Cc))] : null,
      sentByMe && m.Bcc?.length ? [h("dt", {}, "Bcc"), h("dd", { id: "bcc" }, addressList(m.Bcc))] : null,
      h("dt", {}, "Date"),
      h("dd", {}, new Date(m.Date).toLocaleString()),
      h("dt", {}, "Folder"),
      h("dd", { class: "folder-name" }, where),
    ),
    attachmentList(m),
    body.el,
  );
  void body.start();
  return { el, actions, destroy: off };
}
