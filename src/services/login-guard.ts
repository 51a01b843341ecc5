import type { RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors.js";
import type { LimitStore } from "../store/ports.js";

/** LoginLimits: failed logins allowed per account and per client within a window. */
export interface LoginLimits {
  perAccount: number;
  perClient: number;
  windowSeconds: number;
}

/** LoginGuard throttles password and token guessing per account and per client address, on every door. */
export interface LoginGuard {
  /** check throws RATE_LIMITED (429 with Retry-After) while the account or the client is locked out. */
  check(account: string, client: string | undefined): Promise<void>;
  /** failed counts one wrong password against the account and the client; true when that locked one out. */
  failed(account: string, client: string | undefined): Promise<boolean>;
  /** succeeded clears the account's count (the client's stays: it may be guessing many accounts). */
  succeeded(account: string): Promise<void>;
}

/**
 * createLoginGuard counts failures in the store (rate-limiter-flexible), so every replica counts
 * together. After `perAccount` failures within the window the account is locked for one window,
 * whoever tries, the right password included; after `perClient` failures from one address, that client is.
 */
export function createLoginGuard(limits: LoginLimits, store: LimitStore): LoginGuard {
  const opts = { duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
  const byAccount = store.limiter({ ...opts, points: limits.perAccount, keyPrefix: "login-account" });
  const byClient = store.limiter({ ...opts, points: limits.perClient, keyPrefix: "login-client" });
  const clientKey = (client: string | undefined) => client ?? "unknown";

  const locked = (res: RateLimiterRes | null, points: number) => res !== null && res.consumedPoints >= points;
  const refuse = (ms: number) =>
    new AppError("RATE_LIMITED", "too many failed logins; try again later", undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)),
    });
  /** consumed is the count after one more failure; consume() rejects (with the count) past the limit. */
  const consumed = (p: Promise<RateLimiterRes>) =>
    p.then(
      (r) => r.consumedPoints,
      (r: unknown) => (r instanceof Error ? Promise.reject(r) : (r as RateLimiterRes).consumedPoints),
    );

  return {
    async check(account, client) {
      const [a, c] = await Promise.all([byAccount.get(account), byClient.get(clientKey(client))]);
      if (locked(a, limits.perAccount)) throw refuse(a!.msBeforeNext);
      if (locked(c, limits.perClient)) throw refuse(c!.msBeforeNext);
    },
    async failed(account, client) {
      const [a, c] = await Promise.all([consumed(byAccount.consume(account)), consumed(byClient.consume(clientKey(client)))]);
      return a === limits.perAccount || c === limits.perClient;
    },
    async succeeded(account) {
      await byAccount.delete(account);
    },
  };
}
