import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { coalesce } from "../../lib/coalesce.js";
import type { Role } from "../../domain/visibility.js";
import { backfillCandidatesSql } from "../sql/owner-sql.js";
import type { IndexStore } from "../ports.js";
import { chunks } from "../sql/chunks.js";
import type { Pg } from "./client.js";
import { grantMany } from "./grant.js";
import { upsertBatcher } from "./index-batch.js";
import { indexerState, messages, userMessageState } from "./schema.js";
import { envelopes } from "./schema-side.js";
import { inTransaction } from "./tx.js";

const dialect = new PgDialect();
/** A backfill gives this many messages at a time (each a row per column array). */
const BACKFILL_CHUNK = 1000;
const NAMED = `SELECT message_id, address, role FROM message_addresses WHERE message_id = ANY($1::text[])`;

/** pgIndex implements the index port on PostgreSQL. */
export function pgIndex(db: Pg, plusAddressing: boolean): IndexStore {
  const upsert = upsertBatcher(db.$client, plusAddressing);
  // The indexer asks for each message Mailpit announces: the lookups of a burst share one query.
  const knowns = new Map<number, (ids: readonly string[]) => Promise<Map<string, string>>>();
  const knownBy = (version: number) => {
    let known = knowns.get(version);
    if (!known) {
      known = coalesce(async (ids: string[]) => {
        const out = new Map<string, string>();
        for (const part of chunks(ids)) {
          const rows = await db
            .select({ id: messages.id, tags: messages.tagsJson })
            .from(messages)
            .where(and(inArray(messages.id, part), gte(messages.indexVersion, version)));
          for (const r of rows) out.set(r.id, r.tags);
        }
        return out;
      });
      knowns.set(version, known);
    }
    return known;
  };
  return {
    upsert: (row, addresses, options) => upsert({ row, addresses, draft: Boolean(options?.draft) }),
    backfill: (key) =>
      inTransaction(db.$client, async (q) => {
        const candidates = dialect.sqlToQuery(backfillCandidatesSql(key, plusAddressing));
        const found = await q<{ id: string; created_ms: string; tags_json: string; public_tags_json: string }>(
          candidates.sql,
          candidates.params,
        );
        for (const part of chunks(found, BACKFILL_CHUNK)) {
          const named = await q<{ message_id: string; address: string; role: Role }>(NAMED, [part.map((m) => m.id)]);
          const of = new Map<string, typeof named>();
          for (const a of named) (of.get(a.message_id) ?? of.set(a.message_id, []).get(a.message_id)!).push(a);
          const grantees = part.map((m) => ({
            id: m.id,
            createdMs: Number(m.created_ms),
            tags: { all: m.tags_json, public: m.public_tags_json },
            named: of.get(m.id) ?? [],
            draft: false,
          }));
          await grantMany(q, grantees, plusAddressing);
        }
        return found.length;
      }),
    known: (ids, version) => knownBy(version)(ids),
    idsIndexedBefore: async (ms) =>
      (
        await db
          .select({ id: messages.id })
          .from(messages)
          .where(sql`${messages.indexedAt} < ${ms}`)
      ).map((r) => r.id),
    async remove(ids) {
      let n = 0;
      for (const part of chunks(ids)) {
        n += (await db.delete(messages).where(inArray(messages.id, part))).rowCount ?? 0;
        await db.delete(envelopes).where(inArray(envelopes.messageId, part));
      }
      return n;
    },
    setTags(id, tags) {
      return db.transaction(async (tx) => {
        const [row] = await tx.select({ hidden: messages.hiddenTagsJson }).from(messages).where(eq(messages.id, id)).for("update");
        if (!row) return;
        const hidden = new Set(JSON.parse(row.hidden) as string[]);
        const visible = tags.filter((t) => !hidden.has(t));
        await tx
          .update(messages)
          .set({ tagsJson: JSON.stringify(tags), publicTagsJson: JSON.stringify(visible) })
          .where(eq(messages.id, id));
        await tx
          .update(userMessageState)
          .set({
            tagged: sql`CASE WHEN ${userMessageState.isSender} THEN ${tags.length > 0}::boolean ELSE ${visible.length > 0}::boolean END`,
          })
          .where(eq(userMessageState.messageId, id));
      });
    },
    count: async () => (await db.select({ n: sql<number>`CAST(count(*) AS INTEGER)` }).from(messages))[0]?.n ?? 0,
    async orphans() {
      // Starts from the deleted rows (a partial index), not a grouping of every row.
      const found = await db.execute(sql`SELECT DISTINCT d.message_id AS id FROM user_message_state d WHERE d.deleted
        AND NOT EXISTS (SELECT 1 FROM user_message_state k WHERE k.message_id = d.message_id AND NOT k.deleted)`);
      return (found.rows as { id: string }[]).map((r) => r.id);
    },
    async analyze() {
      // Autovacuum analyzes a table once a tenth of it changed, but only every minute: right after
      // a burst the planner would still think a mailbox holds a few rows, and sort all of it.
      const stale = await db.execute(sql`SELECT relname FROM pg_stat_user_tables
        WHERE relname IN ('messages', 'user_message_state', 'folder_messages', 'message_addresses')
        AND n_mod_since_analyze > 50 + 0.1 * n_live_tup`);
      for (const r of stale.rows as { relname: string }[]) await db.execute(sql.raw(`ANALYZE ${r.relname}`));
    },
    getState: async (key) => (await db.select().from(indexerState).where(eq(indexerState.key, key)))[0]?.value,
    async setState(key, value) {
      await db
        .insert(indexerState)
        .values({ key, value, updatedAt: Date.now() })
        .onConflictDoUpdate({ target: indexerState.key, set: { value, updatedAt: Date.now() } });
    },
  };
}
