import { sql } from "drizzle-orm";
import type { MailboxPage, MailboxQuery, MailboxRow } from "../ports.js";
import {
  countSql,
  findOwnedSql,
  idFilters,
  liveOwnersSql,
  markDeletedSql,
  pageSql,
  setReadSql,
  tagsSql,
  toMailboxRow,
  totalsSql,
} from "../sql/mailbox-sql.js";
import type { Dialect } from "../sql/search-terms.js";
import type { Db } from "./client.js";

/** SQLite's dialect: booleans are 0/1, JSON arrays are read with json_each, LIMIT -1 is none. */
export const SQLITE: Dialect = {
  bool: (v) => sql`${v ? 1 : 0}`,
  jsonStrings: (json) => sql`json_each(${json}) j`,
  noLimit: sql`-1`,
};

type Counts = { n: number; unread: number | null };

/** listMailbox returns one page of a user's mailbox with the match counts. */
export function listMailbox(db: Db, userId: number, q: MailboxQuery): MailboxPage {
  const counts = db.get<Counts>(countSql(userId, q, SQLITE));
  const rows = db.all<Record<string, unknown>>(pageSql(userId, q, SQLITE));
  return { rows: rows.map(toMailboxRow), matches: counts.n, unreadMatches: counts.unread ?? 0 };
}

/** mailboxTotals counts a user's whole mailbox: total and unread. */
export function mailboxTotals(db: Db, userId: number): { total: number; unread: number } {
  const r = db.get<Counts>(totalsSql(userId, SQLITE));
  return { total: r.n, unread: r.unread ?? 0 };
}

/** mailboxTags lists the distinct tags a user sees on their messages, sorted. */
export function mailboxTags(db: Db, userId: number): string[] {
  return db.all<{ tag: string }>(tagsSql(userId, SQLITE)).map((r) => r.tag);
}

/** findOwned returns the message when this user owns it (and has not deleted it). */
export function findOwned(db: Db, userId: number, messageId: string): MailboxRow | undefined {
  const row = db.get<Record<string, unknown> | undefined>(findOwnedSql(userId, messageId, SQLITE));
  return row ? toMailboxRow(row) : undefined;
}

/** setRead sets this user's read flag on the given messages they own; returns how many changed. */
export function setRead(db: Db, userId: number, ids: string[] | "all", read: boolean): number {
  return db.transaction((tx) => idFilters(ids).reduce((n, only) => n + tx.run(setReadSql(userId, only, read, SQLITE)).changes, 0));
}

/** markDeleted removes messages from this user's mailbox only; `orphans` no owner keeps any more. */
export function markDeleted(db: Db, userId: number, ids: string[] | "all"): { deleted: string[]; orphans: string[] } {
  if (ids !== "all" && ids.length === 0) return { deleted: [], orphans: [] };
  return db.transaction((tx) => {
    const deleted = idFilters(ids).flatMap((only) =>
      tx.all<{ message_id: string }>(markDeletedSql(userId, only, SQLITE)).map((r) => r.message_id),
    );
    const orphans = deleted.filter((id) => tx.get<{ live: number }>(liveOwnersSql(id, SQLITE)).live === 0);
    return { deleted, orphans };
  });
}
