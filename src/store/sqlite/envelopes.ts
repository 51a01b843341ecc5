import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { EnvelopeStore } from "../ports.js";
import { fromEnvelopeRow, toEnvelopeRow } from "../sql/envelope-rows.js";
import type { Db } from "./client.js";
import { envelopes } from "./schema-side.js";

const p = (name: string) => sql.placeholder(name);

/**
 * sqliteEnvelopes implements the envelope port on SQLite; each message's statements are prepared
 * once. Its two writes a message, the envelope and its claim, go through `batched` (write-batch.ts):
 * concurrent submissions share one commit with each other and with the indexer's upserts.
 */
export function sqliteEnvelopes(db: Db, batched: <T>(write: () => T) => Promise<T>): EnvelopeStore {
  const insert = db
    .insert(envelopes)
    .values({
      id: p("id"),
      messageId: p("messageId"),
      authUserId: p("authUserId"),
      mailFrom: p("mailFrom"),
      rcptsJson: p("rcptsJson"),
      sendersJson: p("sendersJson"),
      createdMs: p("createdMs"),
      kind: p("kind"),
    } as unknown as typeof envelopes.$inferInsert)
    .prepare();
  const claim = db
    .update(envelopes)
    .set({ messageId: sql`${p("messageId")}` })
    .where(and(eq(envelopes.id, p("id")), or(isNull(envelopes.messageId), eq(envelopes.messageId, p("messageId")))))
    .prepare();
  const byId = db
    .select()
    .from(envelopes)
    .where(eq(envelopes.id, p("id")))
    .prepare();
  const byMessage = db
    .select()
    .from(envelopes)
    .where(eq(envelopes.messageId, p("messageId")))
    .prepare();
  return {
    async create(e) {
      const row = { ...toEnvelopeRow(e) };
      await batched(() => insert.run(row));
    },
    claim: (id, messageId) => batched(() => claim.run({ id, messageId }).changes > 0),
    async find(id) {
      const r = byId.get({ id });
      return r ? fromEnvelopeRow(r) : undefined;
    },
    async forMessage(messageId) {
      const r = byMessage.get({ messageId });
      return r ? fromEnvelopeRow(r) : undefined;
    },
    async dropPendingBefore(ms) {
      return db
        .delete(envelopes)
        .where(and(isNull(envelopes.messageId), lt(envelopes.createdMs, ms)))
        .run().changes;
    },
  };
}
