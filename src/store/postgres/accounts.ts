import { and, asc, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { TokenStore, UserStore } from "../ports.js";
import type { Pg } from "./client.js";
import { once } from "../../lib/once.js";
import { pgAddresses } from "./addresses.js";
import { pgCode, UNIQUE_VIOLATION } from "./pg-errors.js";
import { createSystemFolders } from "../sql/folder-programs.js";
import { programSql } from "../sql/program.js";
import { tokens, userAddresses, users } from "./schema.js";

/** pgUsers implements the users port on PostgreSQL. */
export function pgUsers(db: Pg): UserStore {
  return {
    ...pgAddresses(db),
    async insert(input) {
      try {
        return await db.transaction(async (tx) => {
          const [user] = await tx.insert(users).values(input).returning();
          await tx.insert(userAddresses).values({ address: input.email, userId: user!.id, isPrimary: true });
          for (const q of programSql(createSystemFolders(user!.id))) await tx.execute(q);
          return user!;
        });
      } catch (err) {
        if (pgCode(err) === UNIQUE_VIOLATION) return undefined;
        throw err;
      }
    },
    async findByAddress(address) {
      const [row] = await db
        .select({ user: users })
        .from(userAddresses)
        .innerJoin(users, eq(users.id, userAddresses.userId))
        .where(eq(userAddresses.address, address));
      return row?.user;
    },
    findById: async (id) =>
      (
        await once(db, "findUserById", () =>
          db
            .select()
            .from(users)
            .where(eq(users.id, sql.placeholder("id")))
            .prepare("sandpit_find_user_by_id"),
        ).execute({ id })
      )[0],
    list: () => db.select().from(users).orderBy(asc(users.id)),
    async addressesOf(userId) {
      const rows = await db
        .select({ address: userAddresses.address })
        .from(userAddresses)
        .where(eq(userAddresses.userId, userId))
        .orderBy(desc(userAddresses.isPrimary), asc(userAddresses.address));
      return rows.map((r) => r.address);
    },
    setPasswordHash: async (userId, passwordHash) => void (await db.update(users).set({ passwordHash }).where(eq(users.id, userId))),
    setName: async (userId, name) => void (await db.update(users).set({ name }).where(eq(users.id, userId))),
    setAdmin: async (userId, isAdmin) => void (await db.update(users).set({ isAdmin }).where(eq(users.id, userId))),
  };
}

/** pgTokens implements the tokens port on PostgreSQL. */
export function pgTokens(db: Pg): TokenStore {
  const changed = (r: { rowCount: number | null }) => r.rowCount ?? 0;
  return {
    insert: async (row) => (await db.insert(tokens).values(row).returning())[0]!,
    find: async (id) =>
      (
        await once(db, "findToken", () =>
          db
            .select()
            .from(tokens)
            .where(eq(tokens.id, sql.placeholder("id")))
            .prepare("sandpit_find_token"),
        ).execute({ id })
      )[0],
    findWithUser: async (id) =>
      (
        await once(db, "findTokenWithUser", () =>
          db
            .select({ token: tokens, user: users })
            .from(tokens)
            .innerJoin(users, eq(users.id, tokens.userId))
            .where(eq(tokens.id, sql.placeholder("id")))
            .prepare("sandpit_find_token_with_user"),
        ).execute({ id })
      )[0],
    listOf: (userId) => db.select().from(tokens).where(eq(tokens.userId, userId)).orderBy(desc(tokens.createdAt)),
    remove: async (userId, id) => changed(await db.delete(tokens).where(and(eq(tokens.id, id), eq(tokens.userId, userId)))) > 0,
    removeAllOf: async (userId) => changed(await db.delete(tokens).where(eq(tokens.userId, userId))),
    async removeOtherSessions(userId, keep) {
      const others = keep === undefined ? sql`true` : ne(tokens.id, keep);
      return changed(await db.delete(tokens).where(and(eq(tokens.userId, userId), eq(tokens.kind, "session"), others)));
    },
    touch: async (id, at) => void (await db.update(tokens).set({ lastUsedAt: at }).where(eq(tokens.id, id))),
    purgeExpired: async (now) => changed(await db.delete(tokens).where(lt(tokens.expiresAt, now))),
  };
}
