import { AppError } from "../errors.js";
import type { Logger } from "../lib/log.js";
import { parseSearchQuery, type SearchTerm } from "../lib/search-query.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import type { MailboxEventsService } from "./mailbox-events.js";
import { toSummary, type MessagesSummary, type MessageSummary } from "./present.js";

/** Page is a list or search window: `limit` 0 means every message, as in Mailpit's list. */
export interface Page {
  start: number;
  limit: number;
  before?: number | undefined;
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
  /** remove deletes from my mailbox only; Mailpit deletes a message when no owner is left. */
  remove(user: ActingUser, sel: Selection): Promise<number>;
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
  log,
}: {
  store: Store;
  mailpit: MailpitClient;
  events: MailboxEventsService;
  log: Logger;
}): MailboxService {
  async function page(user: ActingUser, terms: SearchTerm[] | undefined, p: Page): Promise<MessagesSummary> {
    const res = await store.mailbox.list(user.id, { terms, beforeMs: p.before, start: p.start, limit: p.limit });
    // A plain list's match counts are the mailbox totals: no second count.
    const whole = !terms?.length && p.before === undefined;
    const totals = whole ? { total: res.matches, unread: res.unreadMatches } : await store.mailbox.totals(user.id);
    return {
      total: totals.total,
      unread: totals.unread,
      count: res.rows.length,
      messages_count: res.matches,
      messages_unread: res.unreadMatches,
      start: p.start,
      tags: await store.mailbox.tags(user.id),
      messages: res.rows.map(toSummary),
    };
  }

  /** resolve turns a selection into the IDs it names (only ever this user's own messages). */
  async function resolve(user: ActingUser, sel: Selection): Promise<string[] | "all"> {
    if (sel === "all") return "all";
    if ("ids" in sel) return [...new Set(sel.ids)];
    const terms = parseSearchQuery(sel.search);
    return (await store.mailbox.list(user.id, { terms, start: 0, limit: 0 })).rows.map((r) => r.id);
  }

  return {
    list: (user, p) => page(user, undefined, p),
    search: (user, query, p) => page(user, parseSearchQuery(query), p),
    async setRead(user, sel, read) {
      const ids = await resolve(user, sel);
      const changed = await store.mailbox.setRead(user.id, ids, read);
      if (changed > 0) await events.changed(user, read ? "read" : "unread", ids);
      return changed;
    },

    async remove(user, sel) {
      const { deleted, orphans } = await store.mailbox.markDeleted(user.id, await resolve(user, sel));
      if (deleted.length > 0) await events.changed(user, "deleted", deleted);
      // One ID per upstream request: an empty or partial list is a Mailpit hazard (mailpit-api.md §0).
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
      return deleted.length;
    },

    async summary(user, id) {
      const row = await store.mailbox.findOwned(user.id, id);
      return row ? toSummary(row) : undefined;
    },
    tags: (user) => store.mailbox.tags(user.id),
    totals: (user) => store.mailbox.totals(user.id),
  };
}
