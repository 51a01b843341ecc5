import { formatDate, h } from "./dom.js";

const subjectOf = (m) => m.Subject || "(no subject)";
const senderOf = (m) => m.From?.Name || m.From?.Address || "(unknown sender)";
const recipientsOf = (m) => (m.To ?? []).map((a) => a.Name || a.Address).join(", ") || "(no recipient)";

/**
 * renderMessageList renders a page of summaries: a checkbox, a star toggle and a link per
 * message. Unread mail is bold; the keyboard cursor and the open message are highlighted.
 * `hrefFor(m)` is where a message opens; in Sent and Drafts the list names recipients.
 */
export function renderMessageList(messages, { selection, cursor, openId, hrefFor, showFolder, showTo, onToggle, onStar }) {
  return h(
    "ul",
    { class: "messages", "aria-label": "Messages" },
    messages.map((m) => {
      const subject = subjectOf(m);
      const classes = ["msg", m.Read ? "read" : "unread"];
      if (selection.has(m.ID)) classes.push("selected");
      if (cursor === m.ID) classes.push("cursor");
      if (openId === m.ID) classes.push("open");
      return h(
        "li",
        { class: classes.join(" "), "data-id": m.ID },
        h("input", {
          type: "checkbox",
          class: "select",
          checked: selection.has(m.ID),
          "aria-label": `Select ${subject}`,
          onchange: (e) => onToggle(m.ID, e.target.checked),
        }),
        h(
          "button",
          {
            type: "button",
            class: `star${m.Starred ? " on" : ""}`,
            "aria-pressed": String(Boolean(m.Starred)),
            "aria-label": `Star ${subject}`,
            title: m.Starred ? "Starred: click to unstar" : "Star",
            onclick: () => onStar(m.ID, !m.Starred),
          },
          m.Starred ? "★" : "☆",
        ),
        h(
          "a",
          { href: hrefFor(m), class: "open-link", "aria-current": openId === m.ID ? "true" : false },
          h("span", { class: "from" }, showTo ? `To: ${recipientsOf(m)}` : senderOf(m)),
          h(
            "span",
            { class: "subject" },
            m.Answered ? h("span", { class: "answered", title: "Answered", "aria-label": "answered" }, "↩ ") : null,
            subject,
            m.Attachments
              ? h(
                  "span",
                  { class: "badge clip", title: `${m.Attachments} attachment(s)` },
                  m.Attachments === 1 ? "1 attachment" : `${m.Attachments} attachments`,
                )
              : null,
          ),
          h("span", { class: "snippet" }, m.Snippet ?? ""),
          h("span", { class: "meta-line" }, showFolder && m.Folder ? h("span", { class: "badge" }, m.Folder) : null),
          h("time", { class: "date", datetime: m.Created }, formatDate(m.Created)),
        ),
      );
    }),
  );
}
