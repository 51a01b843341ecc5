/**
 * The one state container of the web UI: plain data, no DOM, no I/O. Actions change it with
 * `update`; views and components `subscribe` and re-render what they show.
 */

/** DEFAULT_PREFERENCES match the server's defaults until my own arrive. */
export const DEFAULT_PREFERENCES = { theme: "system", pageSize: 50, notifications: false };

const state = {
  /** The server's auth mode and registration ({authMode, registration}). */
  config: null,
  /** This browser's signed-in accounts ([{tokenId, user}]) and the active one's tokenId. */
  accounts: [],
  active: null,
  /** The active user ({email, name, isAdmin, …}) and all of their addresses, primary first. */
  user: null,
  addresses: [],
  /** The scopes my session has (a token I make can have these at most). */
  scopes: [],
  preferences: { ...DEFAULT_PREFERENCES },
  /** My folders with counters ([{name, role, total, unread}]), system folders first. */
  folders: [],
  /** What the list shows: a folder, or a search. */
  folder: "Inbox",
  query: "",
  start: 0,
  /** The page of summaries shown ({messages, total, unread, messages_count, start}), null while loading. */
  page: null,
  listError: null,
  /** IDs ticked in the list, and the keyboard cursor (j/k). */
  selection: new Set(),
  cursor: null,
  /** The ID of the message open in the reading pane, and my counters from the event stream. */
  openId: null,
  stats: null,
};

const listeners = new Set();

/** getState returns the state; treat it as read-only and change it through `update`. */
export const getState = () => state;

/**
 * update merges `patch` into the state and tells every subscriber which keys changed.
 * @example update({ folder: "Sent", start: 0 })
 */
export function update(patch) {
  const changed = Object.keys(patch).filter((k) => state[k] !== patch[k]);
  if (changed.length === 0) return;
  Object.assign(state, patch);
  for (const fn of [...listeners]) fn(state, changed);
}

/** subscribe calls `fn(state, changedKeys)` after each update; returns the unsubscribe function. */
export function subscribe(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** folderByName finds one of my folders (names compare case-insensitively, as the server's do). */
export const folderByName = (name) => state.folders.find((f) => f.name.toLowerCase() === String(name).toLowerCase()) ?? null;

/** roleOf is a folder's role ("inbox", "trash", …) or null for a folder of mine. */
export const roleOf = (name) => folderByName(name)?.role ?? null;

/** summaryById finds a message in the page shown. */
export const summaryById = (id) => state.page?.messages.find((m) => m.ID === id) ?? null;

/** patchSummaries changes some summaries of the page shown (an optimistic update before the reload). */
export function patchSummaries(ids, patch) {
  if (!state.page) return;
  const set = new Set(ids);
  const messages = state.page.messages.map((m) => (set.has(m.ID) ? { ...m, ...patch } : m));
  update({ page: { ...state.page, messages } });
}

/** setSelection replaces the ticked IDs (a new Set, so subscribers see the change). */
export const setSelection = (ids) => update({ selection: new Set(ids) });

/** toggleSelected ticks or unticks one message. */
export function toggleSelected(id, on) {
  const next = new Set(state.selection);
  if (on ?? !next.has(id)) next.add(id);
  else next.delete(id);
  update({ selection: next });
}
