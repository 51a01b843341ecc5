import { AppError } from "../errors.js";
import type { Logger } from "../lib/log.js";
import { parseSearchQuery, type SearchTerm } from "../lib/search-query.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import type { Folder } from "../domain/folders.js";
import type { FolderService } from "./folders.js";
import type { MailboxEventsService } from "./mailbox-events.js";
import { toSummary, type MessagesSummary, type MessageSummary } from "./present.js";

/** Page is a list or search window: `limit` 0 means every message, as in Mailpit's list. */
export interface Page {
  start: number;
  limit: number;
  before?: number | undefined;
  /** One folder of mine; without it, all of my mail but Drafts and Trash (Mailpit's list). */
  folder?: string | undefined;
}

/** The target of a bulk read-state or delete request: some IDs, a search, or my whole mailbox. */
export type Selection = { ids: string[] } | { search: string } | "all";

/** MailboxService answers every multi-message operation for one user (DESIGN §2). */
export interface MailboxService {
  /** list is `GET /api/v1/messages`: my messages, newest first, with my counters. */
  list(user: ActingUser, p: Page): Promise<MessagesSummary>;
  /** search is `GET /api/v1/search`, answered from the index over my messages only. */
  search(user: ActingUser, query: string, p: Page): Promise<MessagesSummary>;
  /** setRead changes my read flag only; Mailpit's global flag is never touched. */
  setRead(user: ActingUser, sel: Selection, read: boolean): Promise<number>;
  /** setStarred stars or unstars my messages. */
  setStarred(user: ActingUser, sel: Selection, starred: boolean): Promise<number>;
  /** move moves my messages into one of my folders, out of every other (out of `from` only, when given). */
  move(user: ActingUser, sel: Selection, folder: string, from?: string): Promise<number>;
  /** remove deletes from my mailbox only; Mailpit deletes a message when no owner is left. */
  remove(user: ActingUser, sel: Selection): Promise<number>;
  /** expunge takes messages out of one of my folders (IMAP EXPUNGE, POP3 DELE); in no folder, out of my mailbox. */
  expunge(user: ActingUser, folderId: number, ids: string[], onlyMarked?: boolean): Promise<string[]>;
  /** copy puts messages of mine into one more of my folders (IMAP COPY); answers those placed there. */
  copy(user: ActingUser, ids: string[], folder: Folder): Promise<string[]>;
  /** summary is one of my messages as a list shows it, or undefined when it is not (or no longer) mine. */
  summary(user: ActingUser, id: string): Promise<MessageSummary | undefined>;
  /** tags lists the tags on my messages. */
  tags(user: ActingUser): Promise<string[]>;
  totals(user: ActingUser): Promise<{ total: number; unread: number }>;
}

/** createMailboxService answers from the ownership index: lists, search, per-user read state and delete. */
export function createMailboxService({
  store,
  mailpit,
  events,
  folders,
  log,
}: {
  store: Store;
  mailpit: MailpitClient;
  events: MailboxEventsService;
  folders: FolderService;
  log: Logger;
}): MailboxService {
  /**
   * scope turns a folder and search terms into a query of my mailbox: the folder named by `folder`
   * or by the first `in:` term (a folder I do not have matches nothing in a search, and is a 404 as
   * `folder`); any other `in:` term stays a condition.
   */
  async function scope(user: ActingUser, terms: SearchTerm[] | undefined, folder: string | undefined) {
    const at = terms?.findIndex((t) => t.kind === "in" && !t.negate) ?? -1;
    if (folder !== undefined) return { terms, folder: await folders.resolve(user, folder) };
    if (at < 0) return { terms, folder: undefined };
    const term = terms![at]! as Extract<SearchTerm, { kind: "in" }>;
    const found = await store.folders.find(user.id, term.folder);
    return { terms: terms!.filter((_, i) => i !== at), folder: found ?? { id: -1, name: term.folder } };
  }

  async function page(user: ActingUser, searchTerms: SearchTerm[] | undefined, p: Page): Promise<MessagesSummary> {
    const { terms, folder } = await scope(user, searchTerms, p.folder);
    // The tags do not depend on the page: asked for alongside it (one round trip less on PostgreSQL).
    const tags = store.mailbox.tags(user.id);
    tags.catch(() => undefined);
    const res = await store.mailbox.list(user.id, { terms, folderId: folder?.id, beforeMs: p.before, start: p.start, limit: p.limit });
    // A plain list's match counts are the mailbox totals: no second count.
    const whole = !terms?.length && p.before === undefined && folder === undefined;
    const totals = whole ? { total: res.matches, unread: res.unreadMatches } : await store.mailbox.totals(user.id);
    return {
      total: totals.total,
      unread: totals.unread,
      count: res.rows.length,
      messages_count: res.matches,
      messages_unread: res.unreadMatches,
      start: p.start,
      tags: await tags,
      // In a folder's list, each message is in that folder (mail to myself is also in Sent).
      messages: res.rows.map((r) => toSummary(folder ? { ...r, folder: folder.name } : r)),
    };
  }

  /** resolve turns a selection into the IDs it names (only ever this user's own messages). */
  async function resolve(user: ActingUser, sel: Selection): Promise<string[] | "all"> {
    if (sel === "all") return "all";
    if ("ids" in sel) return [...new Set(sel.ids)];
    const { terms, folder } = await scope(user, parseSearchQuery(sel.search), undefined);
    return (await store.mailbox.list(user.id, { terms, folderId: folder?.id, start: 0, limit: 0 })).rows.map((r) => r.id);
  }

  /** dropOrphans deletes from Mailpit what no owner keeps, one ID per request (mailpit-api.md §0). */
  async function dropOrphans(orphans: string[]): Promise<void> {
    for (const id of orphans) {
      try {
        await mailpit.deleteMessage(id);
        await store.index.remove([id]);
      } catch (err) {
        if (err instanceof AppError && err.code === "NOT_FOUND") {
          await store.index.remove([id]);
          continue;
        }
        // The user's view is already right; the poller retries the upstream delete later.
        log.warn("upstream delete failed; will retry", { id, error: (err as Error).message });
      }
    }
  }

  return {
    list: (user, p) => page(user, undefined, p),
    search: (user, query, p) => page(user, parseSearchQuery(query), p),
    async setRead(user, sel, read) {
      const changed = await store.mailbox.setFlag(user.id, await resolve(user, sel), "read", read);
      if (changed.length > 0) await events.changed(user, read ? "read" : "unread", changed);
      return changed.length;
    },
    async setStarred(user, sel, starred) {
      const changed = await store.mailbox.setFlag(user.id, await resolve(user, sel), "starred", starred);
      if (changed.length > 0) await events.changed(user, starred ? "starred" : "unstarred", changed);
      return changed.length;
    },
    async move(user, sel, to, from) {
      const target = await folders.resolve(user, to);
      const source = from === undefined ? undefined : await folders.resolve(user, from);
      const ids = await resolve(user, sel);
      const all = ids === "all" ? (await store.mailbox.list(user.id, { start: 0, limit: 0 })).rows.map((r) => r.id) : ids;
      const moved = await store.mailbox.move(user.id, all, target.id, source?.id);
      if (moved.length > 0) await events.changed(user, "moved", moved);
      return moved.length;
    },

    async remove(user, sel) {
      const { deleted, orphans } = await store.mailbox.markDeleted(user.id, await resolve(user, sel));
      if (deleted.length > 0) await events.changed(user, "deleted", deleted);
      await dropOrphans(orphans);
      return deleted.length;
    },
    async copy(user, ids, folder) {
      const copied = await store.mailbox.copy(user.id, ids, folder.id);
      if (copied.length > 0) await events.changed(user, "moved", copied);
      return copied;
    },
    async expunge(user, folderId, ids, onlyMarked) {
      const { removed, deleted, orphans } = await store.mailbox.expunge(user.id, folderId, ids, onlyMarked);
      const gone = new Set(deleted);
      const moved = removed.filter((id) => !gone.has(id));
      if (deleted.length > 0) await events.changed(user, "deleted", deleted);
      if (moved.length > 0) await events.changed(user, "moved", moved);
      await dropOrphans(orphans);
      return removed;
    },

    async summary(user, id) {
      const row = await store.mailbox.findOwned(user.id, id);
      return row ? toSummary(row) : undefined;
    },
    tags: (user) => store.mailbox.tags(user.id),
    totals: (user) => store.mailbox.totals(user.id),
  };
}
