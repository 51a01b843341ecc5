import { sql, type SQL } from "drizzle-orm";
import type { MailboxStore } from "../ports.js";
import { chunks } from "../sql/chunks.js";
import { headsSql, toHead } from "../sql/heads-sql.js";
import { countSql, entriesSql, findOwnedSql, matchingSql, pageSql, tagsSql, toEntry, toMailboxRow, totalsSql } from "../sql/mailbox-sql.js";
import { mailboxWrites } from "../sql/program-stores.js";
import { contactsSql, toContact } from "../sql/contacts-sql.js";
import { pgRunner } from "./run-program.js";
import type { Dialect } from "../sql/search-terms.js";
import type { Pg } from "./client.js";
import { rows } from "./statements.js";

/**
 * PostgreSQL's dialect: real booleans, jsonb arrays, LIMIT NULL for none. No textIndex: every text
 * column has its own pg_trgm index (drizzle/postgres/0008_search_trgm.sql), so the exact LIKEs are
 * themselves answered from the indexes, and the planner weighs them against a scan with statistics.
 */
export const POSTGRES: Dialect = {
  TRUE: sql.raw("true"),
  bool: (v) => sql`${v}`,
  jsonStrings: (json) => sql`jsonb_array_elements_text((${json})::jsonb) AS j(value)`,
  noLimit: sql`NULL`,
  jsonObjects: (json) => sql`jsonb_array_elements((${json})::jsonb) AS j(value)`,
  jsonField: (json, key) => sql`((${json})::jsonb ->> ${key})`,
};

type Row = Record<string, unknown>;
type Counts = { n: number; unread: number | null };

/** pgMailbox implements the mailbox port on PostgreSQL, with the queries SQLite runs too. */
export function pgMailbox(db: Pg): MailboxStore {
  const writes = mailboxWrites(pgRunner(db), POSTGRES);
  const all = async <T = Row>(q: SQL) => rows<T>(db, q);
  return {
    async list(userId, q) {
      const [[counts], rows] = await Promise.all([all<Counts>(countSql(userId, q, POSTGRES)), all(pageSql(userId, q, POSTGRES))]);
      return { rows: rows.map(toMailboxRow), matches: counts?.n ?? 0, unreadMatches: counts?.unread ?? 0 };
    },
    async totals(userId) {
      const [r] = await all<Counts>(totalsSql(userId, POSTGRES));
      return { total: r?.n ?? 0, unread: r?.unread ?? 0 };
    },
    tags: async (userId) => (await all<{ tag: string }>(tagsSql(userId, POSTGRES))).map((r) => r.tag),
    async findOwned(userId, messageId) {
      const [row] = await all(findOwnedSql(userId, messageId, POSTGRES));
      return row ? toMailboxRow(row) : undefined;
    },
    entries: async (userId, folderId) => (await all(entriesSql(userId, folderId))).map(toEntry),
    async heads(userId, ids) {
      const out = [];
      for (const part of chunks(ids)) out.push(...(await all(headsSql(userId, part, POSTGRES))).map(toHead));
      return out;
    },
    matching: async (userId, folderId, terms) =>
      (await all<{ message_id: string }>(matchingSql(userId, { folderId, terms, start: 0, limit: 0 }, POSTGRES))).map((r) => r.message_id),
    contacts: async (userId, query, limit) => (await all(contactsSql(userId, query, limit, POSTGRES))).map(toContact),
    ...writes,
  };
}
