import type { RateLimiterRes } from "rate-limiter-flexible";
import type { UserRow } from "./user-row.js";
import type { UserSearch } from "./sql/account-programs.js";
import type { AuditEntry, AuditFilter, NewAuditEntry } from "./sql/audit-programs.js";

/*
 * The store's ports for running a shared sandbox (#12): administering accounts, the audit log,
 * one-time secrets and rate limits. ports.ts gathers them into the Store.
 */

export type { AuditEntry, AuditFilter, NewAuditEntry, UserSearch };

/** AccountStore is what the admin console and throwaway inboxes need of users. */
export interface AccountStore {
  search(q: UserSearch): Promise<{ users: UserRow[]; total: number }>;
  /** setDisabled disables (a time) or enables (null) an account; false when there is no such user. */
  setDisabled(userId: number, at: number | null): Promise<boolean>;
  /** remove deletes a user with their tokens, addresses, folders and mailbox rows. */
  remove(userId: number): Promise<boolean>;
  setTotp(userId: number, secret: string | null, enabledAt: number | null): Promise<void>;
  setInboxQuota(userId: number, quota: number | null): Promise<void>;
  /** inboxesOf lists the throwaway inboxes a user created. */
  inboxesOf(userId: number): Promise<UserRow[]>;
  /** expiredInboxes lists (up to 500) throwaway inboxes whose end has passed. */
  expiredInboxes(now: number): Promise<UserRow[]>;
  counts(): Promise<{ users: number; inboxes: number; disabled: number; sessions: number; apiTokens: number }>;
  /** bytes is the database's size on disk. */
  bytes(): Promise<number>;
}

/** AuditStore is the append-only audit log. */
export interface AuditStore {
  append(entry: NewAuditEntry): Promise<void>;
  list(filter: AuditFilter): Promise<{ entries: AuditEntry[]; total: number }>;
  /** expire deletes rows older than `before`. */
  expire(before: number): Promise<number>;
}

/** SecretStore keeps one-time secrets as hashes: password-reset links and recovery codes. */
export interface SecretStore {
  addReset(r: { id: string; userId: number; secretHash: string; createdAt: number; expiresAt: number }): Promise<void>;
  findReset(id: string, now: number): Promise<{ userId: number; secretHash: string } | undefined>;
  /** useReset spends a link once: false when it was used or has expired. */
  useReset(id: string, now: number): Promise<boolean>;
  dropResetsBefore(ms: number): Promise<number>;
  setRecoveryCodes(userId: number, hashes: string[]): Promise<void>;
  useRecoveryCode(userId: number, hash: string, now: number): Promise<boolean>;
  recoveryCodesLeft(userId: number): Promise<number>;
}

/** LimiterOptions: `points` per `duration` seconds for each key, then blocked for `blockDuration`. */
export interface LimiterOptions {
  keyPrefix: string;
  points: number;
  duration: number;
  blockDuration?: number;
}

/** Limiter is a rate limiter counted in the store, so every replica shares its counts. */
export interface Limiter {
  /** consume takes points; it rejects with a RateLimiterRes once the key is over its limit. */
  consume(key: string, points?: number): Promise<RateLimiterRes>;
  get(key: string): Promise<RateLimiterRes | null>;
  delete(key: string): Promise<boolean>;
}

/** LimitStore makes limiters over the store's rate_limits table. */
export interface LimitStore {
  limiter(options: LimiterOptions): Limiter;
  /** purge deletes counters that have expired. */
  purge(now: number): Promise<number>;
}
