import { and, eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { messageAddresses, messages, userAddresses, userMessageState } from "./schema.js";
import { folderMessages, folders, userDomains } from "./schema-side.js";

const p = (name: string) => sql.placeholder(name);

/**
 * indexStatements are the index's hot statements, built and prepared once per connection:
 * indexing a message runs about ten of them, and building and preparing each one anew cost more
 * than running it (a CPU profile of SMTP ingestion put ~45% of Sandpit's time there).
 */
function build(db: Db) {
  const columns = getTableColumns(messages);
  const keys = Object.keys(columns) as (keyof typeof columns)[];
  const values = Object.fromEntries(keys.map((k) => [k, p(k)])) as unknown as typeof messages.$inferInsert;
  const updates = Object.fromEntries(keys.filter((k) => k !== "id").map((k) => [k, sql.raw(`excluded.${columns[k].name}`)]));
  return {
    upsertMessage: db.insert(messages).values(values).onConflictDoUpdate({ target: messages.id, set: updates }).prepare(),
    deleteAddresses: db
      .delete(messageAddresses)
      .where(eq(messageAddresses.messageId, p("messageId")))
      .prepare(),
    insertAddress: db
      .insert(messageAddresses)
      .values({
        messageId: p("messageId"),
        address: p("address"),
        role: p("role"),
        name: p("name"),
      } as unknown as typeof messageAddresses.$inferInsert)
      .onConflictDoNothing()
      .prepare(),
    stateUsers: db
      .select({ userId: userMessageState.userId })
      .from(userMessageState)
      .where(eq(userMessageState.messageId, p("messageId")))
      .prepare(),
    namedAddresses: db
      .select({ address: messageAddresses.address, role: messageAddresses.role })
      .from(messageAddresses)
      .where(eq(messageAddresses.messageId, p("messageId")))
      .prepare(),
    /** The users registered at any of a JSON array of addresses. */
    exactOwners: db
      .select({ key: userAddresses.address, userId: userAddresses.userId })
      .from(userAddresses)
      .where(sql`${userAddresses.address} IN (SELECT value FROM json_each(${p("json")}))`)
      .prepare(),
    /** The users with a catch-all for any of a JSON array of domains. */
    domainOwners: db
      .select({ key: userDomains.domain, userId: userDomains.userId })
      .from(userDomains)
      .where(sql`${userDomains.domain} IN (SELECT value FROM json_each(${p("json")}))`)
      .prepare(),
    /**
     * A user's system folder with its next UID (folderOfRole), then bumpUid takes that UID: an
     * update by primary key. The one UPDATE … WHERE user_id AND role RETURNING took 63 µs a message
     * in the server's statement trace (tail p90 30 µs, p99 190 µs); by key, under 3 µs.
     */
    folderOfRole: db
      .select({ id: folders.id, uid: folders.uidNext })
      .from(folders)
      .where(and(eq(folders.userId, p("userId")), eq(folders.role, p("role") as unknown as "inbox")))
      .prepare(),
    bumpUid: db
      .update(folders)
      .set({ uidNext: sql`${folders.uidNext} + 1` })
      .where(eq(folders.id, p("id")))
      .prepare(),
    insertEntry: db
      .insert(folderMessages)
      .values({
        folderId: p("folderId"),
        uid: p("uid"),
        userId: p("userId"),
        messageId: p("messageId"),
        createdMs: p("createdMs"),
      } as unknown as typeof folderMessages.$inferInsert)
      .onConflictDoNothing()
      .prepare(),
    upsertState: db
      .insert(userMessageState)
      .values({
        userId: p("userId"),
        messageId: p("messageId"),
        createdMs: p("createdMs"),
        isSender: p("isSender"),
        tagged: p("tagged"),
        draft: p("draft"),
        listed: p("listed"),
      } as unknown as typeof userMessageState.$inferInsert)
      .onConflictDoUpdate({
        target: [userMessageState.userId, userMessageState.messageId],
        set: {
          createdMs: sql.raw("excluded.created_ms"),
          isSender: sql.raw("excluded.is_sender"),
          tagged: sql.raw("excluded.tagged"),
        },
      })
      .prepare(),
  };
}

export type IndexStatements = ReturnType<typeof build>;
const cache = new WeakMap<Db, IndexStatements>();

/** indexStatements returns the connection's prepared index statements, preparing them once. */
export function indexStatements(db: Db): IndexStatements {
  let s = cache.get(db);
  if (!s) cache.set(db, (s = build(db)));
  return s;
}
