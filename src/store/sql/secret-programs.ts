import { sql } from "drizzle-orm";
import { all, run, type Program } from "./program.js";

/**
 * One-time secrets, written once for SQLite and PostgreSQL: password-reset links and two-factor
 * recovery codes. Only hashes are stored; using one is a single conditional update, so two
 * replicas can never both accept it.
 */

/** addReset stores a reset link's hash, ending the user's earlier links. */
export function* addReset(r: { id: string; userId: number; secretHash: string; createdAt: number; expiresAt: number }): Program<void> {
  yield* run(sql`DELETE FROM password_resets WHERE user_id = ${r.userId}`);
  yield* run(sql`INSERT INTO password_resets (id, user_id, secret_hash, created_at, expires_at)
    VALUES (${r.id}, ${r.userId}, ${r.secretHash}, ${r.createdAt}, ${r.expiresAt})`);
}

/** findReset reads a link that is still usable (unused, not expired). */
export function* findReset(id: string, now: number): Program<{ userId: number; secretHash: string } | undefined> {
  const [r] = yield* all(
    sql`SELECT user_id, secret_hash FROM password_resets WHERE id = ${id} AND used_at IS NULL AND expires_at > ${now}`,
  );
  return r ? { userId: Number(r.user_id), secretHash: r.secret_hash as string } : undefined;
}

/** useReset spends a link once: false when it was already used or has expired. */
export function* useReset(id: string, now: number): Program<boolean> {
  return (yield* run(sql`UPDATE password_resets SET used_at = ${now} WHERE id = ${id} AND used_at IS NULL AND expires_at > ${now}`)) > 0;
}

/** dropResetsBefore forgets links that ended before `ms`. */
export function* dropResetsBefore(ms: number): Program<number> {
  return yield* run(sql`DELETE FROM password_resets WHERE expires_at < ${ms}`);
}

/** setRecoveryCodes replaces a user's recovery codes (none: two-factor is off). */
export function* setRecoveryCodes(userId: number, hashes: string[]): Program<void> {
  yield* run(sql`DELETE FROM recovery_codes WHERE user_id = ${userId}`);
  for (const h of hashes) yield* run(sql`INSERT INTO recovery_codes (code_hash, user_id) VALUES (${h}, ${userId})`);
}

/** useRecoveryCode spends one of a user's codes once. */
export function* useRecoveryCode(userId: number, hash: string, now: number): Program<boolean> {
  return (
    (yield* run(sql`UPDATE recovery_codes SET used_at = ${now} WHERE user_id = ${userId} AND code_hash = ${hash} AND used_at IS NULL`)) > 0
  );
}

/** recoveryCodesLeft counts a user's unused codes. */
export function* recoveryCodesLeft(userId: number): Program<number> {
  const [r] = yield* all(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM recovery_codes WHERE user_id = ${userId} AND used_at IS NULL`);
  return Number(r?.n ?? 0);
}
