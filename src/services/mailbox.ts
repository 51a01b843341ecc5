import type { Db } from "../db/client.js";
import { findOwned, listMailbox, mailboxTags, mailboxTotals, markDeleted, setRead } from "../db/repos/mailbox.js";
import { removeMessages } from "../db/repos/messages.js";
import { AppError } from "../errors.js";
import type { Logger } from "../lib/log.js";
import { parseSearchQuery, type SearchTerm } from "../lib/search-query.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { ActingUser } from "./acting-user.js";
import { toSummary, type MessagesSummary, type MessageSummary } from "./present.js";

/** Page is a list or search window: `limit` 0 means every message, as in Mailpit's list. */
export interface Page {
  start: number;
  limit: number;
  before?: number;
}

/** The target of a bulk read-state or delete request: some IDs, a search, or my whole mailbox. */
export type Selection = { ids: string[] } | { search: string } | "all";

export type MailboxService = ReturnType<typeof createMailboxService>;

/**
 * createMailboxService answers every multi-message operation for one user from the ownership
 * index (DESIGN §2): lists, search, per-user read state and per-user delete.
 */
export function createMailboxService({ db, mailpit, log }: { db: Db; mailpit: MailpitClient; log: Logger }) {
  function page(user: ActingUser, terms: SearchTerm[] | undefined, p: Page): MessagesSummary {
    const res = listMailbox(db, user.id, { terms, beforeMs: p.before, start: p.start, limit: p.limit });
    // A plain list's match counts are the mailbox totals: no second count.
    const whole = !terms?.length && p.before === undefined;
    const totals = whole ? { total: res.matches, unread: res.unreadMatches } : mailboxTotals(db, user.id);
    return {
      total: totals.total,
      unread: totals.unread,
      count: res.rows.length,
      messages_count: res.matches,
      messages_unread: res.unreadMatches,
      start: p.start,
      tags: mailboxTags(db, user.id),
      messages: res.rows.map(toSummary),
    };
  }

  /** resolve turns a selection into the IDs it names (only ever this user's own messages). */
  function resolve(user: ActingUser, sel: Selection): string[] | "all" {
    if (sel === "all") return "all";
    if ("ids" in sel) return [...new Set(sel.ids)];
    const terms = parseSearchQuery(sel.search);
    return listMailbox(db, user.id, { terms, start: 0, limit: 0 }).rows.map((r) => r.id);
  }

  return {
    /** list is `GET /api/v1/messages`: my messages, newest first, with my counters. */
    list(user: ActingUser, p: Page): MessagesSummary {
      return page(user, undefined, p);
    },

    /** search is `GET /api/v1/search`, answered from the index over my messages only. */
    search(user: ActingUser, query: string, p: Page): MessagesSummary {
      return page(user, parseSearchQuery(query), p);
    },

    /** setRead changes my read flag only; Mailpit's global flag is never touched. */
    setRead(user: ActingUser, sel: Selection, read: boolean): number {
      return setRead(db, user.id, resolve(user, sel), read);
    },

    /**
     * remove deletes from my mailbox only. A message is deleted from Mailpit when no owner is left,
     * one ID per upstream request (an empty or partial list is a Mailpit hazard, mailpit-api.md §0).
     */
    async remove(user: ActingUser, sel: Selection): Promise<number> {
      const { deleted, orphans } = markDeleted(db, user.id, resolve(user, sel));
      for (const id of orphans) {
        try {
          await mailpit.deleteMessage(id);
          removeMessages(db, [id]);
        } catch (err) {
          if (err instanceof AppError && err.code === "NOT_FOUND") {
            removeMessages(db, [id]);
            continue;
          }
          // The user's view is already right; the indexer retries the upstream delete later.
          log.warn("upstream delete failed; will retry", { id, error: (err as Error).message });
        }
      }
      return deleted.length;
    },

    /** summary is one of my messages as a list shows it, or undefined when it is not (or no longer) mine. */
    summary(user: ActingUser, id: string): MessageSummary | undefined {
      const row = findOwned(db, user.id, id);
      return row ? toSummary(row) : undefined;
    },

    /** tags lists the tags on my messages. */
    tags(user: ActingUser): string[] {
      return mailboxTags(db, user.id);
    },

    totals(user: ActingUser): { total: number; unread: number } {
      return mailboxTotals(db, user.id);
    },
  };
}
