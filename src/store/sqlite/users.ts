import { asc, desc, eq, sql } from "drizzle-orm";
import { once } from "../../lib/once.js";
import type { Db } from "./client.js";
import { createSystemFolders } from "../sql/folder-programs.js";
import { runProgram } from "./run-program.js";
import type { NewUser, UserRow } from "../ports.js";
import { userAddresses, users } from "./schema.js";

/**
 * insertUser creates a user and its primary address in one transaction; undefined when the
 * address is already taken (a concurrent registration may win between check and insert).
 */
export function insertUser(db: Db, input: NewUser): UserRow | undefined {
  try {
    return db.transaction((tx) => {
      const user = tx.insert(users).values(input).returning().get();
      tx.insert(userAddresses).values({ address: input.email, userId: user.id, isPrimary: true }).run();
      runProgram(db, createSystemFolders(user.id));
      return user;
    });
  } catch (err) {
    if ((err as { code?: string }).code?.startsWith("SQLITE_CONSTRAINT")) return undefined;
    throw err;
  }
}

/** findUserByEmail looks a user up by any of their addresses (already lower-cased). */
export function findUserByAddress(db: Db, address: string): UserRow | undefined {
  const row = db
    .select({ user: users })
    .from(userAddresses)
    .innerJoin(users, eq(users.id, userAddresses.userId))
    .where(eq(userAddresses.address, address))
    .get();
  return row?.user;
}

export function findUserById(db: Db, id: number): UserRow | undefined {
  const q = once(db, "findUserById", () =>
    db
      .select()
      .from(users)
      .where(eq(users.id, sql.placeholder("id")))
      .prepare(),
  );
  return q.get({ id });
}

export function listUsers(db: Db): UserRow[] {
  return db.select().from(users).orderBy(asc(users.id)).all();
}

/** addressesOf lists a user's addresses, primary first. */
export function addressesOf(db: Db, userId: number): string[] {
  return db
    .select({ address: userAddresses.address })
    .from(userAddresses)
    .where(eq(userAddresses.userId, userId))
    .orderBy(desc(userAddresses.isPrimary), asc(userAddresses.address))
    .all()
    .map((r) => r.address);
}

export function setPasswordHash(db: Db, userId: number, passwordHash: string): void {
  db.update(users).set({ passwordHash }).where(eq(users.id, userId)).run();
}

export function setName(db: Db, userId: number, name: string): void {
  db.update(users).set({ name }).where(eq(users.id, userId)).run();
}

export function setAdmin(db: Db, userId: number, isAdmin: boolean): void {
  db.update(users).set({ isAdmin }).where(eq(users.id, userId)).run();
}
