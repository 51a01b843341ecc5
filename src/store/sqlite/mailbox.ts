import { sql } from "drizzle-orm";
import type { FolderEntry, MailboxPage, MailboxQuery, MailboxRow } from "../ports.js";
import {
  anyTaggedSql,
  countSql,
  entriesSql,
  findOwnedSql,
  matchingSql,
  pageSql,
  tagsSql,
  toEntry,
  toMailboxRow,
  totalsSql,
} from "../sql/mailbox-sql.js";
import type { SearchTerm } from "../../lib/search-query.js";
import type { Dialect } from "../sql/search-terms.js";
import { trigramMatch, usesTextIndex, walkBeatsIndex } from "./fts-query.js";
import { contactsSql, toContact, type ContactRow } from "../sql/contacts-sql.js";
import type { Db } from "./client.js";
import { all, get } from "./statements.js";
import { chunks } from "../sql/chunks.js";
import { headsSql, toHead, type HeadRow } from "../sql/heads-sql.js";

/**
 * SQLite's dialect: booleans are 0/1, JSON arrays are read with json_each, LIMIT -1 is none, and
 * the trigram index is the FTS5 table messages_fts (drizzle/sqlite/0010_search_fts.sql), keyed by
 * messages' rowid: the subquery is not correlated, so SQLite runs it once, not per row.
 */
export const SQLITE: Dialect = {
  TRUE: sql.raw("1"),
  bool: (v) => sql`${v ? 1 : 0}`,
  jsonStrings: (json) => sql`json_each(${json}) j`,
  noLimit: sql`-1`,
  jsonObjects: (json) => sql`json_each(${json}) j`,
  jsonField: (json, key) => sql`json_extract(${json}, ${`$.${key}`})`,
  textIndex: (value) => sql`m.rowid IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ${trigramMatch(value)})`,
};

/** The same without the index: text terms are scanned with LIKE alone, in the page's order. */
const SQLITE_SCAN: Dialect = { ...SQLITE, textIndex: undefined };

type Counts = { n: number; unread: number | null };

/**
 * listMailbox returns one page of a user's mailbox with the match counts. SQLite's planner cannot
 * tell how many messages the trigram index will return, and always starts from it: right for a
 * rare term, but a term most messages hold is faster walked in the page's order with LIKE, which
 * stops at the page's end. The count, known first, chooses (walkBeatsIndex).
 */
export function listMailbox(db: Db, userId: number, q: MailboxQuery): MailboxPage {
  const counts = get<Counts>(db, countSql(userId, q, SQLITE))!;
  const walk = usesTextIndex(q.terms) && walkBeatsIndex(counts.n, q, () => mailboxTotals(db, userId).total);
  const rows = all<Record<string, unknown>>(db, pageSql(userId, q, walk ? SQLITE_SCAN : SQLITE));
  return { rows: rows.map(toMailboxRow), matches: counts.n, unreadMatches: counts.unread ?? 0 };
}

/** mailboxTotals counts a user's whole mailbox: total and unread. */
export function mailboxTotals(db: Db, userId: number): { total: number; unread: number } {
  const r = get<Counts>(db, totalsSql(userId, SQLITE))!;
  return { total: r.n, unread: r.unread ?? 0 };
}

/** mailboxTags lists the distinct tags a user sees on their messages, sorted. */
export function mailboxTags(db: Db, userId: number): string[] {
  // The tag list's DISTINCT and ORDER BY cost SQLite 130 us to set up even over no rows (measured
  // in the server): a user without tags, most of them, is answered from the partial index alone.
  if (!get(db, anyTaggedSql(userId, SQLITE))) return [];
  return all<{ tag: string }>(db, tagsSql(userId, SQLITE)).map((r) => r.tag);
}

/** findOwned returns the message when this user owns it (and has not deleted it). */
export function findOwned(db: Db, userId: number, messageId: string): MailboxRow | undefined {
  const row = get<Record<string, unknown> | undefined>(db, findOwnedSql(userId, messageId, SQLITE));
  return row ? toMailboxRow(row) : undefined;
}

/** contacts lists the people in a user's own mail, most frequent first. */
export function contacts(db: Db, userId: number, query: string, limit: number): ContactRow[] {
  return all<Record<string, unknown>>(db, contactsSql(userId, query, limit, SQLITE)).map(toContact);
}

/** entries lists the messages in one of a user's folders, by UID. */
export function entries(db: Db, userId: number, folderId: number): FolderEntry[] {
  return all<Record<string, unknown>>(db, entriesSql(userId, folderId)).map(toEntry);
}

/** matching lists the IDs in one of a user's folders that all `terms` match. */
export function matching(db: Db, userId: number, folderId: number, terms: SearchTerm[]): string[] {
  return all<{ message_id: string }>(db, matchingSql(userId, { folderId, terms, start: 0, limit: 0 }, SQLITE)).map((r) => r.message_id);
}

/** heads are the kept header sections of those of `ids` a user owns. */
export function heads(db: Db, userId: number, ids: string[]): HeadRow[] {
  return chunks(ids).flatMap((part) => all<Record<string, unknown>>(db, headsSql(userId, part, SQLITE)).map(toHead));
}
