import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import { coalesce } from "../../lib/coalesce.js";
import type { Envelope } from "../../domain/envelope.js";
import type { EnvelopeStore } from "../ports.js";
import { fromEnvelopeRow, toEnvelopeRow } from "../sql/envelope-rows.js";
import type { Pg } from "./client.js";
import { envelopes } from "./schema-side.js";

/** pgEnvelopes implements the envelope port on PostgreSQL. */
export function pgEnvelopes(db: Pg): EnvelopeStore {
  // The indexer asks for each message it indexes: the lookups of a burst share one query.
  const ofMessages = coalesce(async (ids: string[]) => {
    const found = await db.select().from(envelopes).where(inArray(envelopes.messageId, ids));
    return new Map(found.map((r) => [r.messageId!, fromEnvelopeRow(r)] as [string, Envelope]));
  });
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
    forMessage: async (messageId) => (await ofMessages([messageId])).get(messageId),
    async dropPendingBefore(ms) {
      const r = await db
        .delete(envelopes)
        .where(and(isNull(envelopes.messageId), lt(envelopes.createdMs, ms)))
        .returning({ id: envelopes.id });
      return r.length;
    },
  };
}
