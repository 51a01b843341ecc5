import { eq, getTableColumns, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import { messageAddresses, messageOwners, messages, userAddresses, userMessageState } from "./schema.js";

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
      .values({ messageId: p("messageId"), address: p("address"), role: p("role") } as unknown as typeof messageAddresses.$inferInsert)
      .onConflictDoNothing()
      .prepare(),
    stateUsers: db
      .select({ userId: userMessageState.userId })
      .from(userMessageState)
      .where(eq(userMessageState.messageId, p("messageId")))
      .prepare(),
    ownerRoles: db
      .select({ userId: userAddresses.userId, role: messageAddresses.role })
      .from(messageAddresses)
      .innerJoin(userAddresses, eq(userAddresses.address, messageAddresses.address))
      .where(eq(messageAddresses.messageId, p("messageId")))
      .prepare(),
    deleteOwners: db
      .delete(messageOwners)
      .where(eq(messageOwners.messageId, p("messageId")))
      .prepare(),
    insertOwner: db
      .insert(messageOwners)
      .values({ messageId: p("messageId"), userId: p("userId"), role: p("role") } as unknown as typeof messageOwners.$inferInsert)
      .prepare(),
    upsertState: db
      .insert(userMessageState)
      .values({
        userId: p("userId"),
        messageId: p("messageId"),
        createdMs: p("createdMs"),
        isSender: p("isSender"),
        tagged: p("tagged"),
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
