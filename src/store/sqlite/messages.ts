import { eq, inArray, sql } from "drizzle-orm";
import { chunks } from "../sql/chunks.js";
import type { Db } from "./client.js";
import { all } from "./statements.js";
import { indexStatements, type IndexStatements } from "./index-statements.js";
import { indexerState, messages, userMessageState } from "./schema.js";
import { envelopes } from "./schema-side.js";
import { lookupKeys, ownerOf, type AddressBook } from "../../domain/address-owner.js";
import { placementOf } from "../../domain/folders.js";
import { rolesByUser, viewOf } from "../../domain/visibility.js";
import { backfillCandidatesSql, type BackfillKey } from "../sql/owner-sql.js";
import type { Granted, IndexedAddress, MessageRow } from "../ports.js";

/** IndexOptions: the deployment's plus-addressing setting, and whether this message is a draft. */
export interface GrantOptions {
  plusAddressing: boolean;
  draft?: boolean | undefined;
}

/**
 * upsertMessage writes one message into the index with its addresses, and gives it to every
 * registered user those addresses belong to. Idempotent: replays keep each user's state and
 * folders. Returns the owners, and which of them the message is new to.
 */
export function upsertMessage(db: Db, row: MessageRow, addresses: IndexedAddress[], o: GrantOptions): Granted {
  const st = indexStatements(db);
  return db.transaction(() => {
    st.upsertMessage.run({ ...row });
    st.deleteAddresses.run({ messageId: row.id });
    for (const a of addresses) st.insertAddress.run({ messageId: row.id, address: a.address, role: a.role });
    return grantOwners(db, { id: row.id, createdMs: row.createdMs, tags: { all: row.tagsJson, public: row.publicTagsJson } }, o);
  });
}

/** addressBook looks up who registered the addresses a message names (domain/address-owner.ts). */
function addressBook(st: IndexStatements, addresses: string[], plusAddressing: boolean): AddressBook {
  const keys = lookupKeys(addresses, plusAddressing);
  const toMap = (rows: { key: string; userId: number }[]) => new Map(rows.map((r) => [r.key, r.userId]));
  return {
    exact: toMap(st.exactOwners.all({ json: JSON.stringify(keys.addresses) })),
    domains: toMap(st.domainOwners.all({ json: JSON.stringify(keys.domains) })),
  };
}

/**
 * grantOwners turns a message's addresses into owners and mailbox rows for registered users; a
 * user it is new to finds it in their Inbox (received), Sent (sent) or Drafts (a draft).
 */
function grantOwners(db: Db, m: { id: string; createdMs: number; tags: { all: string; public: string } }, o: GrantOptions): Granted {
  const st = indexStatements(db);
  const messageId = m.id;
  const before = new Set(st.stateUsers.all({ messageId }).map((r) => r.userId));
  const named = st.namedAddresses.all({ messageId });
  const book = addressBook(st, [...new Set(named.map((a) => a.address))], o.plusAddressing);
  const byUser = rolesByUser(
    named.flatMap((a) => {
      const userId = ownerOf(a.address, book, o.plusAddressing);
      return userId === undefined ? [] : [{ userId, role: a.role }];
    }),
  );
  const draft = Boolean(o.draft);
  for (const [userId, roles] of byUser) {
    const { isSender, tagged } = viewOf(roles, m.tags);
    // SQLite binds numbers, not booleans.
    const flags = { isSender: Number(isSender), tagged: Number(tagged), draft: Number(draft), listed: Number(!draft) };
    st.upsertState.run({ userId, messageId, createdMs: m.createdMs, ...flags });
    if (before.has(userId)) continue;
    for (const role of placementOf(roles, draft)) {
      const folder = st.folderOfRole.get({ userId, role });
      if (!folder) continue;
      st.bumpUid.run({ id: folder.id });
      st.insertEntry.run({ folderId: folder.id, uid: folder.uid, userId, messageId, createdMs: m.createdMs });
    }
  }
  const owners = [...byUser.keys()];
  return { owners, added: owners.filter((u) => !before.has(u)) };
}

/** backfill gives what a user just registered (an address or a catch-all domain) the indexed mail that names it. */
export function backfill(db: Db, key: BackfillKey, plusAddressing: boolean): number {
  return db.transaction((tx) => {
    const found = tx.all<{ id: string; created_ms: number; tags_json: string; public_tags_json: string }>(
      backfillCandidatesSql(key, plusAddressing),
    );
    for (const m of found) {
      grantOwners(db, { id: m.id, createdMs: m.created_ms, tags: { all: m.tags_json, public: m.public_tags_json } }, { plusAddressing });
    }
    return found.length;
  });
}

/** knownIds returns which of the given Mailpit IDs are already indexed by this index version. */
export function knownIds(db: Db, ids: string[], version: number): Set<string> {
  return new Set(knownTags(db, ids, version).keys());
}

/** knownTags maps each ID among `ids` indexed by `version` (or later) to its stored tags JSON. */
export function knownTags(db: Db, ids: string[], version: number): Map<string, string> {
  // One statement shape whatever the number of IDs (a JSON array), so it is prepared once.
  const rows = all<{ id: string; tags: string }>(
    db,
    sql`SELECT ${messages.id} AS id, ${messages.tagsJson} AS tags FROM ${messages}
        WHERE ${messages.id} IN (SELECT value FROM json_each(${JSON.stringify(ids)})) AND ${messages.indexVersion} >= ${version}`,
  );
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
  // Starts from the deleted rows (a partial index), not a grouping of every row: 75 ms at 100,000 messages.
  return all<{ id: string }>(
    db,
    sql`SELECT DISTINCT d.message_id AS id FROM user_message_state d WHERE d.deleted = 1
        AND NOT EXISTS (SELECT 1 FROM user_message_state k WHERE k.message_id = d.message_id AND k.deleted = 0)`,
  ).map((r) => r.id);
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
