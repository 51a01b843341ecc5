import { performance } from "node:perf_hooks";
import type { SendMailOptions } from "nodemailer";
import { seed, type Pooled } from "./smtp.js";
import { round, summarize, type Stats } from "./stats.js";

/** FillResult is one seeding burst into Mailpit's SMTP and how far behind the ownership index fell. */
export interface FillResult {
  targetTotal: number;
  seeded: number;
  mailpitTotal: number;
  indexed: number;
  smtp: { ms: number; ratePerSec: number; retries: number };
  index: {
    /** Messages indexed per second over the burst, from its first send until the index caught up. */
    ratePerSec: number;
    /** From the last SMTP accept until the index held every message Mailpit holds. */
    catchUpMs: number;
    /**
     * How long the oldest message not yet indexed had been in Mailpit, sampled during the burst:
     * 0 when the index held everything at that moment.
     */
    behindMs: Stats;
    samples: number;
  };
}

export interface FillDeps {
  transport: Pooled;
  mailpitTotal(): Promise<number>;
  indexedCount(): Promise<number>;
  log(msg: string): void;
  sampleMs: number;
  timeoutMs: number;
}

/**
 * fill sends `count` messages into Mailpit over SMTP and, while it does, samples Mailpit's total
 * and the index's count side by side; then waits until the index holds what Mailpit holds.
 */
export async function fill(deps: FillDeps, targetTotal: number, count: number, next: () => SendMailOptions): Promise<FillResult> {
  const mp: { t: number; n: number }[] = [];
  const behind: number[] = [];
  let sending = true;
  const t0 = performance.now();
  mp.push({ t: t0, n: await deps.mailpitTotal() });
  const sampler = (async () => {
    while (sending) {
      await new Promise((r) => setTimeout(r, deps.sampleMs));
      const t = performance.now();
      const [m, n] = await Promise.all([deps.mailpitTotal(), deps.indexedCount()]);
      mp.push({ t, n: m });
      behind.push(n >= m ? 0 : t - firstAbove(mp, n));
    }
  })();
  const s = await seed(deps.transport, count, next, {
    onProgress: (sent, ms) => deps.log(`  sent ${sent}/${count} (${((sent / ms) * 1000).toFixed(0)} msg/s)`),
  });
  sending = false;
  await sampler;
  const mailpitTotal = await deps.mailpitTotal();
  const deadline = performance.now() + deps.timeoutMs;
  let indexed = await deps.indexedCount();
  while (indexed < mailpitTotal) {
    if (performance.now() > deadline) throw new Error(`the index holds ${indexed} of Mailpit's ${mailpitTotal} messages after the timeout`);
    await new Promise((r) => setTimeout(r, 20));
    indexed = await deps.indexedCount();
  }
  const caughtUp = performance.now();
  return {
    targetTotal,
    seeded: count,
    mailpitTotal,
    indexed,
    smtp: { ms: round(s.ms, 0), ratePerSec: round(s.ratePerSec, 1), retries: s.retries },
    index: {
      ratePerSec: round((count / (caughtUp - s.startedAt)) * 1000, 1),
      catchUpMs: round(Math.max(0, caughtUp - s.lastAcceptAt), 1),
      behindMs: summarize(behind.length ? behind : [0]),
      samples: behind.length,
    },
  };
}

/**
 * firstAbove is when Mailpit's total first passed `n` (linear between samples): the moment the
 * oldest message the index does not hold yet arrived.
 */
function firstAbove(samples: { t: number; n: number }[], n: number): number {
  for (let i = 1; i < samples.length; i++) {
    const [a, b] = [samples[i - 1]!, samples[i]!];
    if (b.n > n) return a.n > n ? a.t : a.t + ((b.t - a.t) * (n + 1 - a.n)) / Math.max(1, b.n - a.n);
  }
  return samples[samples.length - 1]!.t;
}
