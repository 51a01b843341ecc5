import { sql, type SQL } from "drizzle-orm";
import type { MailboxStore } from "../ports.js";
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
import type { Pg } from "./client.js";

/** PostgreSQL's dialect: real booleans, jsonb arrays, LIMIT NULL for none. */
export const POSTGRES: Dialect = {
  bool: (v) => sql`${v}`,
  jsonStrings: (json) => sql`jsonb_array_elements_text((${json})::jsonb) AS j(value)`,
  noLimit: sql`NULL`,
};

type Row = Record<string, unknown>;
type Counts = { n: number; unread: number | null };

/** pgMailbox implements the mailbox port on PostgreSQL, with the queries SQLite runs too. */
export function pgMailbox(db: Pg): MailboxStore {
  const all = async <T = Row>(q: SQL, on: Pick<Pg, "execute"> = db) => (await on.execute(q)).rows as T[];
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
    setRead(userId, ids, read) {
      return db.transaction(async (tx) => {
        let n = 0;
        for (const only of idFilters(ids)) n += (await tx.execute(setReadSql(userId, only, read, POSTGRES))).rowCount ?? 0;
        return n;
      });
    },
    async markDeleted(userId, ids) {
      if (ids !== "all" && ids.length === 0) return { deleted: [], orphans: [] };
      return db.transaction(async (tx) => {
        const deleted: string[] = [];
        for (const only of idFilters(ids)) {
          for (const r of await all<{ message_id: string }>(markDeletedSql(userId, only, POSTGRES), tx)) deleted.push(r.message_id);
        }
        const orphans: string[] = [];
        for (const id of deleted) if ((await all<{ live: number }>(liveOwnersSql(id, POSTGRES), tx))[0]?.live === 0) orphans.push(id);
        return { deleted, orphans };
      });
    },
  };
}
