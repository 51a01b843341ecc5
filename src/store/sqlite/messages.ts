import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { chunks } from "../sql/chunks.js";
import type { Db } from "./client.js";
import { indexStatements } from "./index-statements.js";
import { envelopes, indexerState, messageAddresses, messages, userMessageState } from "./schema.js";
import { rolesByUser, viewOf } from "../../domain/visibility.js";
import type { Granted, IndexedAddress, MessageRow } from "../ports.js";

/**
 * upsertMessage writes one message into the index with its addresses, and gives it to every
 * registered user those addresses belong to. Idempotent: replays keep each user's read/deleted
 * state. Returns the owners, and which of them the message is new to.
 */
export function upsertMessage(db: Db, row: MessageRow, addresses: IndexedAddress[]): Granted {
  const st = indexStatements(db);
  return db.transaction(() => {
    st.upsertMessage.run({ ...row });
    st.deleteAddresses.run({ messageId: row.id });
    for (const a of addresses) st.insertAddress.run({ messageId: row.id, address: a.address, role: a.role });
    return grantOwners(db, row.id, row.createdMs, { all: row.tagsJson, public: row.publicTagsJson });
  });
}

/** grantOwners turns a message's addresses into owners and mailbox rows for registered users. */
function grantOwners(db: Db, messageId: string, createdMs: number, tags: { all: string; public: string }): Granted {
  const st = indexStatements(db);
  const before = new Set(st.stateUsers.all({ messageId }).map((r) => r.userId));
  const byUser = rolesByUser(st.ownerRoles.all({ messageId }));
  st.deleteOwners.run({ messageId });
  for (const [userId, roles] of byUser) {
    const { isSender, tagged } = viewOf(roles, tags);
    for (const role of roles) st.insertOwner.run({ messageId, userId, role });
    // SQLite binds numbers, not booleans.
    st.upsertState.run({ userId, messageId, createdMs, isSender: Number(isSender), tagged: Number(tagged) });
  }
  const owners = [...byUser.keys()];
  return { owners, added: owners.filter((u) => !before.has(u)) };
}

/** backfillAddress gives a newly registered address every indexed message that names it. */
export function backfillAddress(db: Db, address: string): number {
  return db.transaction((tx) => {
    const ids = tx
      .selectDistinct({ id: messages.id, createdMs: messages.createdMs, tags: messages.tagsJson, publicTags: messages.publicTagsJson })
      .from(messageAddresses)
      .innerJoin(messages, eq(messages.id, messageAddresses.messageId))
      .where(eq(messageAddresses.address, address))
      .all();
    for (const m of ids) grantOwners(db, m.id, m.createdMs, { all: m.tags, public: m.publicTags });
    return ids.length;
  });
}

/** knownIds returns which of the given Mailpit IDs are already indexed by this index version. */
export function knownIds(db: Db, ids: string[], version: number): Set<string> {
  return new Set(knownTags(db, ids, version).keys());
}

/** knownTags maps each ID among `ids` indexed by `version` (or later) to its stored tags JSON. */
export function knownTags(db: Db, ids: string[], version: number): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of chunks(ids)) {
    const rows = db
      .select({ id: messages.id, tags: messages.tagsJson })
      .from(messages)
      .where(and(inArray(messages.id, part), gte(messages.indexVersion, version)))
      .all();
    for (const r of rows) out.set(r.id, r.tags);
  }
  return out;
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
  for (const part of chunks(ids)) {
    n += db.delete(messages).where(inArray(messages.id, part)).run().changes;
    db.delete(envelopes).where(inArray(envelopes.messageId, part)).run();
  }
  return n;
}

/** setMessageTags stores new tags (an admin's change): Bcc-only tags stay hidden from recipients. */
export function setMessageTags(db: Db, id: string, tags: string[]): void {
  db.transaction((tx) => {
    const row = tx.select({ hidden: messages.hiddenTagsJson }).from(messages).where(eq(messages.id, id)).get();
    if (!row) return;
    const hidden = new Set(JSON.parse(row.hidden) as string[]);
    const visible = tags.filter((t) => !hidden.has(t));
    tx.update(messages)
      .set({ tagsJson: JSON.stringify(tags), publicTagsJson: JSON.stringify(visible) })
      .where(eq(messages.id, id))
      .run();
    tx.update(userMessageState)
      .set({ tagged: sql`CASE WHEN ${userMessageState.isSender} THEN ${tags.length > 0 ? 1 : 0} ELSE ${visible.length > 0 ? 1 : 0} END` })
      .where(eq(userMessageState.messageId, id))
      .run();
  });
}

export function countMessages(db: Db): number {
  return (
    db
      .select({ n: sql<number>`count(*)` })
      .from(messages)
      .get()?.n ?? 0
  );
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
