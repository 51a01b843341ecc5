import { listFolders } from "../api/folders.js";
import * as messages from "../api/messages.js";
import { getState, patchSummaries, roleOf, summaryById, update } from "../store.js";

/** Mailbox actions: load folders and the list, and change my per-user state of messages. */

let listSeq = 0;

/** loadFolders reads my folders and their counters. */
export async function loadFolders() {
  update({ folders: await listFolders() });
}

/** loadList reads the page the state names (a folder or a search); a stale answer is dropped. */
export async function loadList() {
  const seq = ++listSeq;
  const s = getState();
  const limit = s.preferences.pageSize;
  try {
    const page = s.query
      ? await messages.searchMessages({ query: s.query, start: s.start, limit })
      : await messages.listMessages({ folder: s.folder, start: s.start, limit });
    if (seq !== listSeq) return;
    const ids = new Set(page.messages.map((m) => m.ID));
    const selection = new Set([...s.selection].filter((id) => ids.has(id)));
    update({ page, listError: null, selection, cursor: ids.has(s.cursor) ? s.cursor : null });
  } catch (err) {
    if (seq !== listSeq) return;
    update({ page: { messages: [], total: 0, unread: 0, messages_count: 0, start: 0 }, listError: err });
  }
}

/** showList switches the list to a folder or a search (clearing the selection), and loads it. */
export async function showList({ folder = null, query = "", start = 0 }) {
  const s = getState();
  const same = s.folder === folder && s.query === query && s.start === start;
  if (!same) update({ folder, query, start, page: null, listError: null, selection: new Set(), cursor: null });
  await loadList();
}

let pending = null;
/** refresh reloads folders and the list once, however many events asked for it at the same time. */
export function refresh() {
  pending ??= new Promise((resolve) => setTimeout(resolve, 80)).then(async () => {
    pending = null;
    await Promise.all([loadFolders(), loadList()]);
  });
  return pending.catch(() => undefined);
}

const plural = (n) => (n === 1 ? "1 message" : `${n} messages`);

/** markRead marks messages read or unread for me. */
export async function markRead(ids, read) {
  patchSummaries(ids, { Read: read });
  await messages.setRead(ids, read);
  await refresh();
  return `Marked ${plural(ids.length)} ${read ? "read" : "unread"}`;
}

/** star stars or unstars messages for me. */
export async function star(ids, starred) {
  patchSummaries(ids, { Starred: starred });
  await messages.setStarred(ids, starred);
  await refresh();
  return `${starred ? "Starred" : "Unstarred"} ${plural(ids.length)}`;
}

/** move moves messages into one of my folders (out of every other folder of mine). */
export async function move(ids, folder) {
  await messages.moveMessages(ids, folder);
  update({ selection: new Set() });
  await refresh();
  return `Moved ${plural(ids.length)} to ${folder}`;
}

/** trashName is the name of my Trash folder. */
const trashName = () => getState().folders.find((f) => f.role === "trash")?.name ?? "Trash";

/**
 * remove deletes as a mail client does: a message outside Trash moves to Trash; one already in
 * Trash is deleted for good (from my mailbox only). `folderOf(id)` says where a message is.
 */
export async function remove(ids, folderOf = (id) => summaryById(id)?.Folder ?? getState().folder) {
  const inTrash = ids.filter((id) => roleOf(folderOf(id)) === "trash");
  const others = ids.filter((id) => !inTrash.includes(id));
  if (others.length) await messages.moveMessages(others, trashName());
  if (inTrash.length) await messages.deleteMessages(inTrash);
  update({ selection: new Set() });
  await refresh();
  if (inTrash.length && others.length) return `Moved ${plural(others.length)} to Trash, deleted ${plural(inTrash.length)} for good`;
  return inTrash.length ? `Deleted ${plural(inTrash.length)} for good` : `Moved ${plural(others.length)} to Trash`;
}

/** openMessage loads a message for the reading pane; reading it marks it read for me. */
export async function openMessage(id) {
  if (summaryById(id)?.Read === false) {
    patchSummaries([id], { Read: true });
    // Marked read first, so my other tabs hear of it: reading a message alone sends no event.
    await messages.setRead([id], true).catch(() => undefined);
  }
  const m = await messages.getMessage(id);
  void refresh();
  return m;
}
