import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { EnvelopeStore } from "../ports.js";
import { fromEnvelopeRow, toEnvelopeRow } from "../sql/envelope-rows.js";
import type { Db } from "./client.js";
import { envelopes } from "./schema.js";

/** sqliteEnvelopes implements the envelope port on SQLite. */
export function sqliteEnvelopes(db: Db): EnvelopeStore {
  return {
    async create(e) {
      db.insert(envelopes).values(toEnvelopeRow(e)).run();
    },
    async claim(id, messageId) {
      const r = db
        .update(envelopes)
        .set({ messageId })
        .where(and(eq(envelopes.id, id), or(isNull(envelopes.messageId), eq(envelopes.messageId, messageId))))
        .run();
      return r.changes > 0;
    },
    async find(id) {
      const r = db.select().from(envelopes).where(eq(envelopes.id, id)).get();
      return r ? fromEnvelopeRow(r) : undefined;
    },
    async forMessage(messageId) {
      const r = db.select().from(envelopes).where(eq(envelopes.messageId, messageId)).get();
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
