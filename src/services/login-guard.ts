import { RateLimiterMemory, type RateLimiterRes } from "rate-limiter-flexible";
import { AppError } from "../errors.js";

/** LoginLimits: failed password logins allowed per account and per client within a window. */
export interface LoginLimits {
  perAccount: number;
  perClient: number;
  windowSeconds: number;
}

/** LoginGuard throttles password guessing per account and per client address. */
export interface LoginGuard {
  /** check throws RATE_LIMITED (429 with Retry-After) while the account or the client is locked out. */
  check(account: string, client: string | undefined): Promise<void>;
  /** failed counts one wrong password against the account and the client. */
  failed(account: string, client: string | undefined): Promise<void>;
  /** succeeded clears the account's count (the client's stays: it may be guessing many accounts). */
  succeeded(account: string): Promise<void>;
}

/**
 * createLoginGuard counts failures in memory (rate-limiter-flexible). After `perAccount` failures
 * within the window the account is locked for one window, whoever tries, the right password
 * included; after `perClient` failures from one address, that client is.
 */
export function createLoginGuard(limits: LoginLimits): LoginGuard {
  const opts = { duration: limits.windowSeconds, blockDuration: limits.windowSeconds };
  const byAccount = new RateLimiterMemory({ ...opts, points: limits.perAccount, keyPrefix: "login-account" });
  const byClient = new RateLimiterMemory({ ...opts, points: limits.perClient, keyPrefix: "login-client" });
  const clientKey = (client: string | undefined) => client ?? "unknown";

  const locked = (res: RateLimiterRes | null, points: number) => res !== null && res.consumedPoints >= points;
  const refuse = (ms: number) =>
    new AppError("RATE_LIMITED", "too many failed logins; try again later", undefined, {
      retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)),
    });

  return {
    async check(account, client) {
      const [a, c] = await Promise.all([byAccount.get(account), byClient.get(clientKey(client))]);
      if (locked(a, limits.perAccount)) throw refuse(a!.msBeforeNext);
      if (locked(c, limits.perClient)) throw refuse(c!.msBeforeNext);
    },
    async failed(account, client) {
      // consume() rejects once the limit is passed; the lock-out is read back by check().
      await Promise.allSettled([byAccount.consume(account), byClient.consume(clientKey(client))]);
    },
    async succeeded(account) {
      await byAccount.delete(account);
    },
  };
}
