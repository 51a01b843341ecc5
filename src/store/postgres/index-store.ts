import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { rolesByUser, viewOf } from "../../domain/visibility.js";
import type { Granted, IndexStore } from "../ports.js";
import { CHUNK, chunks } from "../sql/chunks.js";
import type { Pg } from "./client.js";
import { envelopes, indexerState, messageAddresses, messageOwners, messages, userAddresses, userMessageState } from "./schema.js";

type Tx = Parameters<Parameters<Pg["transaction"]>[0]>[0];

/**
 * grantOwners turns a message's addresses into owners and mailbox rows for registered users. The
 * upsert reports whether it inserted (`xmax = 0`), so when two replicas index one message at once
 * exactly one of them learns that it is new to a user, and only it announces the message.
 */
async function grantOwners(tx: Tx, messageId: string, createdMs: number, tags: { all: string; public: string }): Promise<Granted> {
  const rows = await tx
    .select({ userId: userAddresses.userId, role: messageAddresses.role })
    .from(messageAddresses)
    .innerJoin(userAddresses, eq(userAddresses.address, messageAddresses.address))
    .where(eq(messageAddresses.messageId, messageId));
  const byUser = rolesByUser(rows);
  await tx.delete(messageOwners).where(eq(messageOwners.messageId, messageId));
  const added: number[] = [];
  for (const [userId, roles] of byUser) {
    const { isSender, tagged } = viewOf(roles, tags);
    await tx.insert(messageOwners).values([...roles].map((role) => ({ messageId, userId, role })));
    const [r] = await tx
      .insert(userMessageState)
      .values({ userId, messageId, createdMs, isSender, tagged })
      .onConflictDoUpdate({ target: [userMessageState.userId, userMessageState.messageId], set: { isSender, createdMs, tagged } })
      .returning({ inserted: sql<boolean>`(xmax = 0)` });
    if (r?.inserted) added.push(userId);
  }
  return { owners: [...byUser.keys()], added };
}

/** pgIndex implements the index port on PostgreSQL. */
export function pgIndex(db: Pg): IndexStore {
  return {
    upsert(row, addresses) {
      return db.transaction(async (tx) => {
        const { id, ...rest } = row;
        // The upsert locks the message's row: concurrent indexings of one message run one after the other.
        await tx.insert(messages).values(row).onConflictDoUpdate({ target: messages.id, set: rest });
        await tx.delete(messageAddresses).where(eq(messageAddresses.messageId, id));
        for (const part of chunks(addresses, CHUNK / 5)) {
          await tx
            .insert(messageAddresses)
            .values(part.map((a) => ({ messageId: id, ...a })))
            .onConflictDoNothing();
        }
        return grantOwners(tx, id, row.createdMs, { all: row.tagsJson, public: row.publicTagsJson });
      });
    },
    backfill(address) {
      return db.transaction(async (tx) => {
        const found = await tx
          .selectDistinct({ id: messages.id, createdMs: messages.createdMs, tags: messages.tagsJson, publicTags: messages.publicTagsJson })
          .from(messageAddresses)
          .innerJoin(messages, eq(messages.id, messageAddresses.messageId))
          .where(eq(messageAddresses.address, address));
        for (const m of found) await grantOwners(tx, m.id, m.createdMs, { all: m.tags, public: m.publicTags });
        return found.length;
      });
    },
    async known(ids, version) {
      const out = new Map<string, string>();
      for (const part of chunks(ids)) {
        const rows = await db
          .select({ id: messages.id, tags: messages.tagsJson })
          .from(messages)
          .where(and(inArray(messages.id, part), gte(messages.indexVersion, version)));
        for (const r of rows) out.set(r.id, r.tags);
      }
      return out;
    },
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
      const rows = await db
        .select({ id: userMessageState.messageId })
        .from(userMessageState)
        .groupBy(userMessageState.messageId)
        .having(sql`bool_and(${userMessageState.deleted})`);
      return rows.map((r) => r.id);
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
