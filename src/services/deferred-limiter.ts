import { RateLimiterRes } from "rate-limiter-flexible";
import type { Limiter } from "../store/ports.js";

/** Counted is the one call rate-limits.ts makes of a limiter: take `n` points or reject with a RateLimiterRes. */
export type Counted = Pick<Limiter, "consume">;

interface KeyState {
  /** Taken here, not yet added to the store. */
  pending: number;
  /** The store's count at the last flush, valid until `resetAt`. */
  known: number;
  resetAt: number;
  blockedUntil: number;
}

/**
 * deferredLimiter counts a busy limit (API requests per token) in memory and adds the counts to
 * the store at most every `flushMs`, so a request that is clearly under its limit costs no store
 * write. When the store's last count plus what is pending would pass the limit, it flushes first,
 * so a refusal is as exact as the store's. Other replicas' requests are seen at the next flush:
 * together they can pass the limit by what they take within one flush interval.
 */
export function deferredLimiter(limiter: Limiter, points: number, flushMs = 1000): Counted & { flush(): Promise<void> } {
  const keys = new Map<string, KeyState>();
  let timer: NodeJS.Timeout | undefined;

  /** flushKey adds a key's pending points to the store and learns its count; rejects once over. */
  async function flushKey(key: string, s: KeyState): Promise<RateLimiterRes> {
    const n = s.pending;
    s.pending = 0;
    const now = Date.now();
    try {
      const res = await limiter.consume(key, n);
      Object.assign(s, { known: res.consumedPoints, resetAt: now + res.msBeforeNext });
      return res;
    } catch (err) {
      if (err instanceof Error) throw err;
      const res = err as RateLimiterRes;
      Object.assign(s, { known: res.consumedPoints, resetAt: now + res.msBeforeNext, blockedUntil: now + res.msBeforeNext });
      // rate-limits.ts audits the refusal whose count is the limit plus one: this flush's, if it crossed the limit.
      const crossed = res.consumedPoints - n <= points;
      throw new RateLimiterRes(0, res.msBeforeNext, crossed ? points + 1 : res.consumedPoints);
    }
  }

  async function flush(): Promise<void> {
    timer = undefined;
    const now = Date.now();
    for (const [key, s] of keys) {
      if (s.pending > 0) await flushKey(key, s).catch(() => undefined);
      else if (s.resetAt <= now && s.blockedUntil <= now) keys.delete(key);
    }
  }

  return {
    flush,
    async consume(key, n = 1) {
      const now = Date.now();
      let s = keys.get(key);
      if (!s) keys.set(key, (s = { pending: 0, known: 0, resetAt: 0, blockedUntil: 0 }));
      if (s.blockedUntil > now) throw new RateLimiterRes(0, s.blockedUntil - now, Math.max(s.known, points + 1) + n);
      if (s.resetAt <= now) s.known = 0;
      s.pending += n;
      if (s.known + s.pending > points) return flushKey(key, s);
      timer ??= setTimeout(() => void flush(), flushMs).unref();
      return new RateLimiterRes(points - s.known - s.pending, Math.max(0, s.resetAt - now), s.known + s.pending);
    },
  };
}
