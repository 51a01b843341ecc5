import { loadList, markRead, move, remove, showList, star } from "../actions/mailbox.js";
import { emptyState, fill, h } from "../components/dom.js";
import { renderMessageList } from "../components/message-list.js";
import { toast } from "../components/toast.js";
import { createToolbar } from "../components/toolbar.js";
import { composeHref, listHref, navigate } from "../router.js";
import { getState, roleOf, setSelection, subscribe, summaryById, toggleSelected, update } from "../store.js";
import { emptyList, listError, listStatus, listTitle, pager } from "./list-pane.js";
import { messageView } from "./message.js";

/**
 * mailboxView is the list of a folder or a search, with the reading pane beside it on wide windows
 * (≥ 900px) or instead of it on narrow ones. `update(route)` follows route changes without
 * rebuilding the list; `keys` are its keyboard shortcuts.
 */
export function mailboxView() {
  let route = null;
  let opened = { id: null, actions: {} };
  let openSeq = 0;

  const run = (p) => p.then((msg) => msg && toast(msg)).catch((err) => toast(err.message, "error"));
  const selected = () => [...getState().selection];
  const start = () => Number(route?.params.get("start")) || 0;
  const withStart = (href) => (start() ? `${href}?start=${start()}` : href);
  const isDraft = (m) => roleOf(m.Folder ?? route.folder) === "drafts";
  const hrefFor = (m) => (isDraft(m) ? composeHref("draft", m.ID) : withStart(listHref(route, m.ID)));

  const title = h("h1", { class: "list-title" });
  const status = h("span", { class: "muted", id: "list-status", role: "status" });
  const toolbar = createToolbar({
    onSelectAll: (on) => setSelection(on ? (getState().page?.messages ?? []).map((m) => m.ID) : []),
    onAction: (action) => bulk(action),
    onMove: (to) => run(move(selected(), to)),
  });
  // Not a live region: live updates re-render it, and the status line above announces the counts.
  const list = h("div", { class: "list", "aria-busy": "true" });
  const foot = h("div", { class: "list-foot" });
  const listPane = h(
    "section",
    { class: "list-pane", "aria-label": "Message list" },
    h("div", { class: "list-head" }, title, status),
    toolbar.el,
    list,
    foot,
  );
  const reading = h("section", { class: "reading-pane", "aria-label": "Reading pane" });
  const el = h("div", { class: "mailbox" }, listPane, reading);

  function bulk(action) {
    const ids = selected();
    if (!ids.length) return toast("Select messages first (the checkboxes on the left).", "error");
    // A bulk action ends the selection, as the checkboxes' state would otherwise outlive what they chose.
    setSelection([]);
    if (action === "read" || action === "unread") return run(markRead(ids, action === "read"));
    if (action === "star" || action === "unstar") return run(star(ids, action === "star"));
    if (action === "delete") {
      if (ids.includes(getState().openId)) navigate(withStart(listHref(route)));
      return run(remove(ids));
    }
  }

  function renderList() {
    const s = getState();
    title.textContent = listTitle(route);
    status.textContent = listStatus(s.page, route.query);
    const messages = s.page?.messages ?? [];
    const role = roleOf(route.folder);
    toolbar.sync({
      selected: s.selection.size,
      total: messages.length,
      folders: s.folders,
      current: route.folder,
      trash: role === "trash",
    });
    list.setAttribute("aria-busy", String(!s.page));
    if (s.listError)
      fill(
        list,
        listError(s.listError, route, () => void loadList()),
      );
    else if (!s.page) fill(list, h("p", { class: "muted loading", role: "status" }, "Loading messages…"));
    else if (!messages.length) fill(list, emptyList(route, role));
    else {
      const showTo = role === "sent" || role === "drafts";
      fill(
        list,
        renderMessageList(messages, {
          selection: s.selection,
          cursor: s.cursor,
          openId: s.openId,
          hrefFor,
          showFolder: Boolean(route.query),
          showTo,
          onToggle: (id, on) => toggleSelected(id, on),
          onStar: (id, on) => run(star([id], on)),
        }),
      );
    }
    fill(foot, s.page && s.page.messages_count > messages.length ? pager(s.page, s.preferences.pageSize, go) : null);
  }
  const go = (n) => navigate(n ? `${listHref(route)}?start=${n}` : listHref(route));

  async function openInPane(id) {
    const seq = ++openSeq;
    opened.destroy?.();
    opened = { id, actions: {} };
    el.classList.toggle("has-open", Boolean(id));
    update({ openId: id, ...(id ? { cursor: id } : {}) });
    if (!id) {
      fill(
        reading,
        emptyState("No message open.", "Select a message to read it. Keys: j and k move, Enter opens, ? lists every shortcut."),
      );
      return;
    }
    fill(reading, h("p", { class: "muted loading", role: "status" }, "Loading the message…"));
    const backLabel = route.query ? "Search results" : route.folder;
    const view = await messageView(id, { folder: route.folder ?? undefined, backHref: withStart(listHref(route)), backLabel });
    if (seq !== openSeq) return view.destroy?.();
    opened = { id, actions: view.actions, destroy: view.destroy };
    fill(reading, view.el);
    reading.scrollTop = 0;
  }

  /** moveCursor moves the cursor by one message; with a message open, it opens that one. */
  function moveCursor(step) {
    const messages = getState().page?.messages ?? [];
    if (!messages.length) return;
    const at = messages.findIndex((m) => m.ID === (getState().openId ?? getState().cursor));
    const next = messages[Math.min(messages.length - 1, Math.max(0, at < 0 ? 0 : at + step))];
    if (getState().openId && !isDraft(next)) navigate(hrefFor(next));
    else update({ cursor: next.ID });
    el.querySelector(`li[data-id="${CSS.escape(next.ID)}"]`)?.scrollIntoView({ block: "nearest" });
  }
  const target = () => getState().openId ?? getState().cursor;
  const keys = {
    j: () => moveCursor(1),
    k: () => moveCursor(-1),
    Enter: () => {
      const m = summaryById(getState().cursor);
      if (m) navigate(hrefFor(m));
    },
    x: () => getState().cursor && toggleSelected(getState().cursor),
    s: () => {
      if (opened.actions.star) return opened.actions.star();
      const m = summaryById(getState().cursor);
      if (m) run(star([m.ID], !m.Starred));
    },
    "#": () => {
      if (getState().selection.size) return bulk("delete");
      if (opened.actions.delete) return opened.actions.delete();
      if (getState().cursor) run(remove([getState().cursor]));
    },
    r: () => target() && navigate(composeHref("reply", target())),
    a: () => target() && navigate(composeHref("replyAll", target())),
    f: () => target() && navigate(composeHref("forward", target())),
  };

  const off = subscribe((_s, changed) => {
    if (route && changed.some((k) => ["page", "selection", "cursor", "folders", "listError", "openId"].includes(k))) renderList();
  });

  return {
    el,
    keys,
    /** update follows a route change: another list, another open message, or both. */
    async update(next) {
      const listChanged =
        !route || route.folder !== next.folder || route.query !== next.query || start() !== (Number(next.params.get("start")) || 0);
      route = next;
      if (listChanged) {
        void showList({ folder: route.folder, query: route.query, start: start() });
        renderList();
      }
      if (listChanged || opened.id !== route.id) await openInPane(route.id);
    },
    destroy() {
      off();
      opened.destroy?.();
      update({ openId: null });
    },
  };
}
