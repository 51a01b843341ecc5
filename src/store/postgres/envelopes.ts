import { and, eq, isNull, lt, or } from "drizzle-orm";
import type { EnvelopeStore } from "../ports.js";
import { fromEnvelopeRow, toEnvelopeRow } from "../sql/envelope-rows.js";
import type { Pg } from "./client.js";
import { envelopes } from "./schema-side.js";

/** pgEnvelopes implements the envelope port on PostgreSQL. */
export function pgEnvelopes(db: Pg): EnvelopeStore {
  return {
    async create(e) {
      await db.insert(envelopes).values(toEnvelopeRow(e));
    },
    async claim(id, messageId) {
      const r = await db
        .update(envelopes)
        .set({ messageId })
        .where(and(eq(envelopes.id, id), or(isNull(envelopes.messageId), eq(envelopes.messageId, messageId))))
        .returning({ id: envelopes.id });
      return r.length > 0;
    },
    async find(id) {
      const [r] = await db.select().from(envelopes).where(eq(envelopes.id, id));
      return r ? fromEnvelopeRow(r) : undefined;
    },
    async forMessage(messageId) {
      const [r] = await db.select().from(envelopes).where(eq(envelopes.messageId, messageId));
      return r ? fromEnvelopeRow(r) : undefined;
    },
    async dropPendingBefore(ms) {
      const r = await db
        .delete(envelopes)
        .where(and(isNull(envelopes.messageId), lt(envelopes.createdMs, ms)))
        .returning({ id: envelopes.id });
      return r.length;
    },
  };
}
