import { emptyState, errorBox, h } from "../components/dom.js";
import { SEARCH_HINT } from "../components/header.js";

/** listTitle is the list's heading: the folder's name, or the search. */
export const listTitle = (route) => (route.query ? `Search: ${route.query}` : route.folder);

/** listStatus says which messages are shown: "1–25 of 40 · 3 unread". */
export function listStatus(page, query) {
  if (!page || !page.messages_count) return "";
  const from = page.start + 1;
  const to = page.start + page.messages.length;
  // messages_unread counts this list's unread matches; `unread` is the whole mailbox's.
  return `${from}–${to} of ${page.messages_count}${query ? " matches" : ""} · ${page.messages_unread ?? page.unread} unread`;
}

/** emptyList says why a list is empty and what to do, for each kind of folder and for a search. */
export function emptyList(route, role) {
  if (route.query) return emptyState("No message matches this search.", `Try fewer words, or the search syntax: ${SEARCH_HINT}`);
  switch (role) {
    case "inbox":
      return emptyState(
        "Your inbox is empty.",
        "Mail sent to or from your address shows up here as soon as Sandpit receives it: point your app's SMTP at Sandpit's SMTP port, or use Compose.",
      );
    case "drafts":
      return emptyState("No drafts.", "Compose saves a draft here as you type; open it again to finish and send it.");
    case "sent":
      return emptyState("Nothing sent yet.", "Mail you send from Compose, the API, MCP or SMTP with your address shows up here.");
    case "trash":
      return emptyState("Trash is empty.", "Deleted mail goes here first; deleting it from Trash removes it for good.");
    default:
      return emptyState(`No messages in ${route.folder}.`, "Select messages in another folder and use “Move to…” to file them here.");
  }
}

/** listError explains a failed list: a bad search, a folder that does not exist, or the server. */
export function listError(err, route, retry) {
  if (err.code === "BAD_REQUEST" && route.query) {
    return errorBox("This search is not valid", `${err.message}.`, `Search syntax: ${SEARCH_HINT}`);
  }
  if (err.status === 404 && route.folder) {
    return errorBox(
      `You have no folder named ${route.folder}`,
      "It may have been renamed or deleted.",
      h("a", { href: "#/folder/Inbox" }, "Go to the Inbox"),
    );
  }
  return errorBox(
    "Your messages could not be loaded",
    err.message,
    h("button", { type: "button", class: "secondary", onclick: retry }, "Try again"),
  );
}

/** pager builds the Newer / Older buttons for a page of `size`. */
export function pager(page, size, go) {
  const start = page?.start ?? 0;
  const count = page?.messages_count ?? 0;
  return h(
    "div",
    { class: "row pager" },
    h("button", { type: "button", class: "secondary", disabled: start === 0, onclick: () => go(Math.max(0, start - size)) }, "← Newer"),
    h(
      "button",
      {
        type: "button",
        class: "secondary",
        id: "older",
        disabled: start + (page?.messages.length ?? 0) >= count,
        onclick: () => go(start + size),
      },
      "Older →",
    ),
  );
}
