import { eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../client.js";
import {
  indexerState,
  messageAddresses,
  messageOwners,
  messages,
  userAddresses,
  userMessageState,
  type NewMessageRow,
  type Role,
} from "../schema.js";

/** IndexedAddress is one (address, role) a message names. */
export interface IndexedAddress {
  address: string;
  role: Role;
}

/**
 * upsertMessage writes one message into the index with its addresses, and gives it to every
 * registered user those addresses belong to. Idempotent: replays keep each user's read/deleted
 * state. Returns the ids of the users who own the message.
 */
export function upsertMessage(db: Db, row: NewMessageRow, addresses: IndexedAddress[]): number[] {
  return db.transaction((tx) => {
    const { id, ...rest } = row;
    tx.insert(messages)
      .values(row)
      .onConflictDoUpdate({ target: messages.id, set: rest })
      .run();
    tx.delete(messageAddresses).where(eq(messageAddresses.messageId, id)).run();
    if (addresses.length > 0) {
      tx.insert(messageAddresses)
        .values(addresses.map((a) => ({ messageId: id, ...a })))
        .onConflictDoNothing()
        .run();
    }
    return grantOwners(tx as unknown as Db, id, row.createdMs, (row.tagsJson ?? "[]") !== "[]");
  });
}

/** grantOwners turns a message's addresses into owners and mailbox rows for registered users. */
function grantOwners(db: Db, messageId: string, createdMs: number, tagged: boolean): number[] {
  const rows = db
    .select({ userId: userAddresses.userId, role: messageAddresses.role })
    .from(messageAddresses)
    .innerJoin(userAddresses, eq(userAddresses.address, messageAddresses.address))
    .where(eq(messageAddresses.messageId, messageId))
    .all();
  const byUser = new Map<number, Set<Role>>();
  for (const r of rows) byUser.set(r.userId, (byUser.get(r.userId) ?? new Set()).add(r.role));
  db.delete(messageOwners).where(eq(messageOwners.messageId, messageId)).run();
  for (const [userId, roles] of byUser) {
    db.insert(messageOwners)
      .values([...roles].map((role) => ({ messageId, userId, role })))
      .run();
    db.insert(userMessageState)
      .values({ userId, messageId, createdMs, isSender: roles.has("from"), tagged })
      .onConflictDoUpdate({
        target: [userMessageState.userId, userMessageState.messageId],
        set: { isSender: roles.has("from"), createdMs, tagged },
      })
      .run();
  }
  return [...byUser.keys()];
}

/** backfillAddress gives a newly registered address every indexed message that names it. */
export function backfillAddress(db: Db, address: string): number {
  return db.transaction((tx) => {
    const ids = tx
      .selectDistinct({ id: messages.id, createdMs: messages.createdMs, tags: messages.tagsJson })
      .from(messageAddresses)
      .innerJoin(messages, eq(messages.id, messageAddresses.messageId))
      .where(eq(messageAddresses.address, address))
      .all();
    for (const m of ids) grantOwners(tx as unknown as Db, m.id, m.createdMs, m.tags !== "[]");
    return ids.length;
  });
}

/** knownIds returns which of the given Mailpit IDs are already indexed. */
export function knownIds(db: Db, ids: string[]): Set<string> {
  return new Set(knownTags(db, ids).keys());
}

/** knownTags maps each already-indexed ID among `ids` to its stored tags JSON. */
export function knownTags(db: Db, ids: string[]): Map<string, string> {
  if (ids.length === 0) return new Map();
  const rows = db.select({ id: messages.id, tags: messages.tagsJson }).from(messages).where(inArray(messages.id, ids)).all();
  return new Map(rows.map((r) => [r.id, r.tags]));
}

/** indexedIdsBefore lists every indexed ID that was indexed before `ms` (reconcile's removal set). */
export function indexedIdsBefore(db: Db, ms: number): string[] {
  return db
    .select({ id: messages.id })
    .from(messages)
    .where(sql`${messages.indexedAt} < ${ms}`)
    .all()
    .map((r) => r.id);
}

/** removeMessages drops messages from the index (owners, addresses and states cascade). */
export function removeMessages(db: Db, ids: string[]): number {
  let n = 0;
  for (let i = 0; i < ids.length; i += 500) {
    n += db.delete(messages).where(inArray(messages.id, ids.slice(i, i + 500))).run().changes;
  }
  return n;
}

export function setMessageTags(db: Db, id: string, tags: string[]): void {
  db.transaction((tx) => {
    tx.update(messages).set({ tagsJson: JSON.stringify(tags) }).where(eq(messages.id, id)).run();
    tx.update(userMessageState).set({ tagged: tags.length > 0 }).where(eq(userMessageState.messageId, id)).run();
  });
}

export function countMessages(db: Db): number {
  return db.select({ n: sql<number>`count(*)` }).from(messages).get()?.n ?? 0;
}

/**
 * orphanIds lists messages every owner has deleted: they are deleted upstream. A message no
 * registered user owns is not an orphan: its recipient may still register.
 */
export function orphanIds(db: Db): string[] {
  return db
    .select({ id: userMessageState.messageId })
    .from(userMessageState)
    .groupBy(userMessageState.messageId)
    .having(sql`min(${userMessageState.deleted}) = 1`)
    .all()
    .map((r) => r.id);
}

export function getIndexerState(db: Db, key: string): string | undefined {
  return db.select().from(indexerState).where(eq(indexerState.key, key)).get()?.value;
}

export function setIndexerState(db: Db, key: string, value: string): void {
  db.insert(indexerState)
    .values({ key, value, updatedAt: Date.now() })
    .onConflictDoUpdate({ target: indexerState.key, set: { value, updatedAt: Date.now() } })
    .run();
}
