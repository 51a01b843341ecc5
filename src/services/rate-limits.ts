import type { RateLimiterRes } from "rate-limiter-flexible";
import type { AccountConfig } from "../config-accounts.js";
import { AppError } from "../errors.js";
import type { Limiter, LimitStore } from "../store/ports.js";
import type { ClientMeta } from "./account-shapes.js";
import type { AuditService } from "./audit.js";
import { deferredLimiter, type Counted } from "./deferred-limiter.js";

/**
 * What is counted: registrations and reset requests per client, sends per user (REST, MCP, UI),
 * SMTP messages per user or unauthenticated client, API requests per token.
 */
export type LimitKind = "register" | "reset-request" | "reset" | "send" | "smtp" | "api";

/** LimitSettings: how many of each per window (0: no limit). */
export type LimitSettings = AccountConfig["limits"] & { smtpMessagesPerMinute: number };

/** RateLimits counts actions in the store (shared by replicas) and refuses those over their limit. */
export interface RateLimits {
  /**
   * take counts one action under `key`: RATE_LIMITED (429, Retry-After) once over the limit; the
   * first refusal of each window is written to the audit log.
   */
  take(kind: LimitKind, key: string, who?: { actor?: { id: number; email: string }; meta?: ClientMeta }): Promise<void>;
}

/** `factor` scales a setting for a kind that has none of its own. */
const WINDOWS: Record<LimitKind, { seconds: number; setting: keyof LimitSettings; factor?: number }> = {
  register: { seconds: 3600, setting: "registrationsPerHour" },
  "reset-request": { seconds: 3600, setting: "resetRequestsPerHour" },
  // Tries of a reset token per client: three a request, so a mistyped password is no lock-out.
  reset: { seconds: 3600, setting: "resetRequestsPerHour", factor: 3 },
  send: { seconds: 60, setting: "sendsPerMinute" },
  smtp: { seconds: 60, setting: "smtpMessagesPerMinute" },
  api: { seconds: 60, setting: "apiRequestsPerMinute" },
};

/**
 * The kinds taken once per API request or message: a store write each would be a commit each
 * (on SQLite, one of the three a relayed message cost). Logins, registrations and resets stay exact.
 */
const BUSY = new Set<LimitKind>(["api", "smtp", "send"]);

const NOUNS: Record<LimitKind, string> = {
  register: "registrations from this address",
  "reset-request": "password reset requests from this address",
  reset: "password reset tries from this address",
  send: "messages sent",
  smtp: "messages",
  api: "requests with this token",
};

export function createRateLimits({ store, limits, audit }: { store: LimitStore; limits: LimitSettings; audit: AuditService }): RateLimits {
  const limiters = new Map<LimitKind, { limiter: Counted; points: number }>();
  for (const [kind, w] of Object.entries(WINDOWS) as [LimitKind, (typeof WINDOWS)[LimitKind]][]) {
    const points = limits[w.setting] * (w.factor ?? 1);
    if (points <= 0) continue;
    const limiter: Limiter = store.limiter({ keyPrefix: `limit-${kind}`, points, duration: w.seconds });
    // The busy kinds (a point per request or message) count in memory and write to the store about once a second.
    limiters.set(kind, { points, limiter: BUSY.has(kind) ? deferredLimiter(limiter, points) : limiter });
  }
  return {
    async take(kind, key, who) {
      const l = limiters.get(kind);
      if (!l) return;
      try {
        await l.limiter.consume(key);
      } catch (err) {
        if (err instanceof Error) throw err;
        const res = err as RateLimiterRes;
        if (res.consumedPoints === l.points + 1) {
          await audit.record({ actor: who?.actor, action: "rate_limited", target: kind, result: "limited", meta: who?.meta, detail: key });
        }
        throw new AppError(
          "RATE_LIMITED",
          `too many ${NOUNS[kind]}; try again later`,
          { limit: kind },
          {
            retryAfterSeconds: Math.max(1, Math.ceil(res.msBeforeNext / 1000)),
          },
        );
      }
    },
  };
}
