import { and, eq, gte, inArray, sql } from "drizzle-orm";
import { lookupKeys, ownerOf } from "../../domain/address-owner.js";
import { placementOf } from "../../domain/folders.js";
import { rolesByUser, viewOf, type Role } from "../../domain/visibility.js";
import { backfillCandidatesSql } from "../sql/owner-sql.js";
import type { Granted, IndexStore } from "../ports.js";
import { CHUNK, chunks } from "../sql/chunks.js";
import type { Pg } from "./client.js";
import { indexerState, messageAddresses, messages, userAddresses, userMessageState } from "./schema.js";
import { envelopes, folderMessages, folders, userDomains } from "./schema-side.js";

type Tx = Parameters<Parameters<Pg["transaction"]>[0]>[0];
type GrantOptions = { plusAddressing: boolean; draft?: boolean | undefined };

/** A message's named address, as the owner rule reads it. */
type Named = { address: string; role: Role };

/**
 * lookupOwners finds the registrations a message's addresses could match, exact addresses and
 * catch-all domains in one round trip, and applies the owner rule (domain/address-owner.ts).
 */
async function lookupOwners(tx: Tx, named: readonly Named[], plusAddressing: boolean): Promise<Map<number, Set<Role>>> {
  const keys = lookupKeys([...new Set(named.map((a) => a.address))], plusAddressing);
  if (keys.addresses.length === 0) return new Map();
  const found = (
    await tx.execute(sql`SELECT 'a' AS kind, ${userAddresses.address} AS key, ${userAddresses.userId} AS user_id FROM ${userAddresses}
      WHERE ${inArray(userAddresses.address, keys.addresses)}
      UNION ALL SELECT 'd', ${userDomains.domain}, ${userDomains.userId} FROM ${userDomains} WHERE ${inArray(userDomains.domain, keys.domains)}`)
  ).rows as { kind: string; key: string; user_id: number }[];
  const book = {
    exact: new Map(found.filter((r) => r.kind === "a").map((r) => [r.key, Number(r.user_id)])),
    domains: new Map(found.filter((r) => r.kind === "d").map((r) => [r.key, Number(r.user_id)])),
  };
  return rolesByUser(
    named.flatMap((a) => {
      const userId = ownerOf(a.address, book, plusAddressing);
      return userId === undefined ? [] : [{ userId, role: a.role }];
    }),
  );
}

/**
 * grantOwners turns a message's addresses into owners and mailbox rows for registered users (the
 * rule: domain/address-owner.ts); a user it is new to finds it in Inbox, Sent or Drafts. The state
 * upsert reports whether it inserted (`xmax = 0`), so when two replicas index one message at once
 * exactly one of them learns that it is new to a user, places it, and announces it. Owners and
 * states are written in one statement each, whatever the number of owners.
 */
async function grantOwners(
  tx: Tx,
  m: { id: string; createdMs: number; tags: { all: string; public: string } },
  o: GrantOptions,
  given?: readonly Named[],
): Promise<Granted> {
  const messageId = m.id;
  const named =
    given ??
    (await tx
      .select({ address: messageAddresses.address, role: messageAddresses.role })
      .from(messageAddresses)
      .where(eq(messageAddresses.messageId, messageId)));
  const byUser = await lookupOwners(tx, named, o.plusAddressing);
  if (byUser.size === 0) return { owners: [], added: [] };
  const draft = Boolean(o.draft);
  // Users in id order: each takes a row lock on their folders' UID counters, and concurrent indexings
  // that lock them in different orders deadlock (seen at 8 messages indexed at once).
  const users = [...byUser].sort(([a], [b]) => a - b);
  const states = await tx
    .insert(userMessageState)
    .values(
      users.map(([userId, roles]) => {
        const { isSender, tagged } = viewOf(roles, m.tags);
        return { userId, messageId, createdMs: m.createdMs, isSender, tagged, draft, listed: !draft };
      }),
    )
    .onConflictDoUpdate({
      target: [userMessageState.userId, userMessageState.messageId],
      set: { isSender: sql`excluded.is_sender`, createdMs: sql`excluded.created_ms`, tagged: sql`excluded.tagged` },
    })
    .returning({ userId: userMessageState.userId, inserted: sql<boolean>`(xmax = 0)` });
  const fresh = new Set(states.filter((r) => r.inserted).map((r) => r.userId));
  const added: number[] = [];
  for (const [userId, roles] of users) {
    if (!fresh.has(userId)) continue;
    added.push(userId);
    for (const role of placementOf(roles, draft)) {
      // Takes the folder's next UID and files the message under it, in one statement.
      await tx.execute(sql`WITH f AS (UPDATE ${folders} SET uid_next = uid_next + 1
          WHERE ${folders.userId} = ${userId} AND ${folders.role} = ${role} RETURNING id, uid_next - 1 AS uid)
        INSERT INTO ${folderMessages} (folder_id, uid, user_id, message_id, created_ms)
        SELECT id, uid, ${userId}, ${messageId}, ${m.createdMs} FROM f ON CONFLICT DO NOTHING`);
    }
  }
  return { owners: users.map(([userId]) => userId), added };
}

/** pgIndex implements the index port on PostgreSQL. */
export function pgIndex(db: Pg, plusAddressing: boolean): IndexStore {
  return {
    upsert(row, addresses, options) {
      return db.transaction(async (tx) => {
        const { id, ...rest } = row;
        // The upsert locks the message's row: concurrent indexings of one message run one after the other.
        await tx.insert(messages).values(row).onConflictDoUpdate({ target: messages.id, set: rest });
        await tx.delete(messageAddresses).where(eq(messageAddresses.messageId, id));
        for (const part of chunks(addresses, CHUNK / 5)) {
          await tx
            .insert(messageAddresses)
            .values(part.map((a) => ({ messageId: id, address: a.address, role: a.role })))
            .onConflictDoNothing();
        }
        const m = { id, createdMs: row.createdMs, tags: { all: row.tagsJson, public: row.publicTagsJson } };
        return grantOwners(tx, m, { plusAddressing, draft: options?.draft }, addresses);
      });
    },
    backfill(key) {
      return db.transaction(async (tx) => {
        const found = (await tx.execute(backfillCandidatesSql(key, plusAddressing))).rows as Record<string, string>[];
        for (const m of found) {
          const tags = { all: m.tags_json!, public: m.public_tags_json! };
          await grantOwners(tx, { id: m.id!, createdMs: Number(m.created_ms), tags }, { plusAddressing });
        }
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
      // Starts from the deleted rows (a partial index), not a grouping of every row.
      const found = await db.execute(sql`SELECT DISTINCT d.message_id AS id FROM user_message_state d WHERE d.deleted
        AND NOT EXISTS (SELECT 1 FROM user_message_state k WHERE k.message_id = d.message_id AND NOT k.deleted)`);
      return (found.rows as { id: string }[]).map((r) => r.id);
    },
    analyze: async () => undefined,
    getState: async (key) => (await db.select().from(indexerState).where(eq(indexerState.key, key)))[0]?.value,
    async setState(key, value) {
      await db
        .insert(indexerState)
        .values({ key, value, updatedAt: Date.now() })
        .onConflictDoUpdate({ target: indexerState.key, set: { value, updatedAt: Date.now() } });
    },
  };
}
