import { sql } from "drizzle-orm";
import type { UserRow } from "../user-row.js";
import { all, run, type Program, type Row } from "./program.js";

/**
 * The account programs (see program.ts), written once for SQLite and PostgreSQL: what the admin
 * console and throwaway inboxes need of users beyond the users port.
 */

const USER_COLS = sql`u.id, u.email, u.name, u.password_hash, u.is_admin, u.created_at, u.disabled_at, u.expires_at,
  u.created_by, u.inbox_quota, u.totp_secret, u.totp_enabled_at`;

const num = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** toUser maps a raw users row; PostgreSQL returns bigints as strings, SQLite booleans as 0/1. */
export function toUser(r: Row): UserRow {
  return {
    id: Number(r.id),
    email: r.email as string,
    name: r.name as string,
    passwordHash: (r.password_hash as string | null) ?? null,
    isAdmin: r.is_admin === true || Number(r.is_admin) === 1,
    createdAt: Number(r.created_at),
    disabledAt: num(r.disabled_at),
    expiresAt: num(r.expires_at),
    createdBy: num(r.created_by),
    inboxQuota: num(r.inbox_quota),
    totpSecret: (r.totp_secret as string | null) ?? null,
    totpEnabledAt: num(r.totp_enabled_at),
  };
}

/** UserSearch pages through users: `query` matches any of their addresses or their name. */
export interface UserSearch {
  query?: string | undefined;
  start: number;
  limit: number;
  /** true: throwaway inboxes only; false: people only; undefined: both. */
  inboxes?: boolean | undefined;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** searchUsers lists users in id order with the total that match. */
export function* searchUsers(q: UserSearch): Program<{ users: UserRow[]; total: number }> {
  const like = `%${escapeLike((q.query ?? "").toLowerCase())}%`;
  const kind = q.inboxes === undefined ? sql`` : q.inboxes ? sql` AND u.expires_at IS NOT NULL` : sql` AND u.expires_at IS NULL`;
  const where = sql`WHERE (lower(u.name) LIKE ${like} ESCAPE '\\' OR EXISTS (SELECT 1 FROM user_addresses a
      WHERE a.user_id = u.id AND a.address LIKE ${like} ESCAPE '\\'))${kind}`;
  const rows = yield* all(sql`SELECT ${USER_COLS} FROM users u ${where} ORDER BY u.id LIMIT ${q.limit} OFFSET ${q.start}`);
  const [count] = yield* all(sql`SELECT CAST(count(*) AS INTEGER) AS n FROM users u ${where}`);
  return { users: rows.map(toUser), total: Number(count?.n ?? 0) };
}

/** setDisabled disables (a time) or enables (null) an account; false when there is no such user. */
export function* setDisabled(userId: number, at: number | null): Program<boolean> {
  return (yield* run(sql`UPDATE users SET disabled_at = ${at} WHERE id = ${userId}`)) > 0;
}

/** removeUser deletes a user; their tokens, addresses, folders and mailbox rows go with them. */
export function* removeUser(userId: number): Program<boolean> {
  return (yield* run(sql`DELETE FROM users WHERE id = ${userId}`)) > 0;
}

/** setTotp stores a pending or active TOTP secret (enabledAt null: pending), or clears both. */
export function* setTotp(userId: number, secret: string | null, enabledAt: number | null): Program<void> {
  yield* run(sql`UPDATE users SET totp_secret = ${secret}, totp_enabled_at = ${enabledAt} WHERE id = ${userId}`);
}

/** setInboxQuota sets how many throwaway inboxes a user may hold at once (null: the setting). */
export function* setInboxQuota(userId: number, quota: number | null): Program<void> {
  yield* run(sql`UPDATE users SET inbox_quota = ${quota} WHERE id = ${userId}`);
}

/** inboxesOf lists the throwaway inboxes a user created, soonest to end first. */
export function* inboxesOf(userId: number): Program<UserRow[]> {
  const rows = yield* all(sql`SELECT ${USER_COLS} FROM users u WHERE u.created_by = ${userId} AND u.expires_at IS NOT NULL
    ORDER BY u.expires_at, u.id`);
  return rows.map(toUser);
}

/** expiredInboxes lists throwaway inboxes whose end has passed. */
export function* expiredInboxes(now: number): Program<UserRow[]> {
  const rows = yield* all(sql`SELECT ${USER_COLS} FROM users u WHERE u.expires_at IS NOT NULL AND u.expires_at <= ${now}
    ORDER BY u.expires_at LIMIT 500`);
  return rows.map(toUser);
}

/** counts are the instance's numbers for the admin console. */
export function* accountCounts(): Program<{ users: number; inboxes: number; disabled: number; sessions: number; apiTokens: number }> {
  const [r] = yield* all(sql`SELECT
      (SELECT CAST(count(*) AS INTEGER) FROM users WHERE expires_at IS NULL) AS users,
      (SELECT CAST(count(*) AS INTEGER) FROM users WHERE expires_at IS NOT NULL) AS inboxes,
      (SELECT CAST(count(*) AS INTEGER) FROM users WHERE disabled_at IS NOT NULL) AS disabled,
      (SELECT CAST(count(*) AS INTEGER) FROM tokens WHERE kind = 'session') AS sessions,
      (SELECT CAST(count(*) AS INTEGER) FROM tokens WHERE kind = 'api') AS api_tokens`);
  return {
    users: Number(r?.users ?? 0),
    inboxes: Number(r?.inboxes ?? 0),
    disabled: Number(r?.disabled ?? 0),
    sessions: Number(r?.sessions ?? 0),
    apiTokens: Number(r?.api_tokens ?? 0),
  };
}
