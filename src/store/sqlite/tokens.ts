import { and, desc, eq, lt, ne, sql } from "drizzle-orm";
import type { Db } from "./client.js";
import type { NewToken, TokenRow, UserRow } from "../ports.js";
import { tokens, users } from "./schema.js";
import { once } from "../../lib/once.js";

export function insertToken(db: Db, row: NewToken): TokenRow {
  return db.insert(tokens).values(row).returning().get();
}

export function findToken(db: Db, id: string): TokenRow | undefined {
  const q = once(db, "findToken", () =>
    db
      .select()
      .from(tokens)
      .where(eq(tokens.id, sql.placeholder("id")))
      .prepare(),
  );
  return q.get({ id });
}

/** findTokenWithUser reads a token with its user in one statement (every authenticated request does). */
export function findTokenWithUser(db: Db, id: string): { token: TokenRow; user: UserRow } | undefined {
  const q = once(db, "findTokenWithUser", () =>
    db
      .select({ token: tokens, user: users })
      .from(tokens)
      .innerJoin(users, eq(users.id, tokens.userId))
      .where(eq(tokens.id, sql.placeholder("id")))
      .prepare(),
  );
  return q.get({ id });
}

/** listTokens lists a user's tokens, newest first. */
export function listTokens(db: Db, userId: number): TokenRow[] {
  return db.select().from(tokens).where(eq(tokens.userId, userId)).orderBy(desc(tokens.createdAt)).all();
}

/** deleteToken revokes one of a user's tokens; it returns false when the user has no such token. */
export function deleteToken(db: Db, userId: number, id: string): boolean {
  return (
    db
      .delete(tokens)
      .where(and(eq(tokens.id, id), eq(tokens.userId, userId)))
      .run().changes > 0
  );
}

/** deleteOtherSessions ends a user's session tokens except `keep` (API tokens stay). */
export function deleteOtherSessions(db: Db, userId: number, keep: string | undefined): number {
  const others = keep === undefined ? sql`1` : ne(tokens.id, keep);
  return db
    .delete(tokens)
    .where(and(eq(tokens.userId, userId), eq(tokens.kind, "session"), others))
    .run().changes;
}

export function deleteTokensOfUser(db: Db, userId: number): number {
  return db.delete(tokens).where(eq(tokens.userId, userId)).run().changes;
}

export function touchToken(db: Db, id: string, at: number): void {
  db.update(tokens).set({ lastUsedAt: at }).where(eq(tokens.id, id)).run();
}

/** deleteExpiredTokens removes tokens whose expiry has passed. */
export function deleteExpiredTokens(db: Db, now: number): number {
  return db.delete(tokens).where(lt(tokens.expiresAt, now)).run().changes;
}
