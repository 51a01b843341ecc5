import { performance } from "node:perf_hooks";
import type { Db } from "../../src/store/sqlite/client.js";
import { listMailbox, mailboxTags, mailboxTotals } from "../../src/store/sqlite/mailbox.js";
import type { Config } from "../../src/config.js";
import { summarize, type Stats } from "./stats.js";

/** SqlBreakdown times, in-process, the three index queries one `GET /api/v1/messages` runs. */
export interface SqlBreakdown {
  totals: Stats;
  page: Stats;
  tags: Stats;
}

function time(n: number, fn: () => unknown): Stats {
  const samples: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    fn();
    samples.push(performance.now() - t);
  }
  return summarize(samples);
}

/**
 * sqlBreakdown runs mailboxTotals, listMailbox (first page of 50) and mailboxTags for one user
 * `n` times each, straight on the database (no HTTP), to show where a list request's time goes.
 */
export function sqlBreakdown(db: Db, email: string, n: number): SqlBreakdown {
  const row = db.$client.prepare("SELECT user_id AS id FROM user_addresses WHERE address = ?").get(email) as { id: number } | undefined;
  if (!row) throw new Error(`no user for ${email}`);
  const uid = row.id;
  return {
    totals: time(n, () => mailboxTotals(db, uid)),
    page: time(n, () => listMailbox(db, uid, { start: 0, limit: 50 })),
    tags: time(n, () => mailboxTags(db, uid)),
  };
}

/** sqlitePath is the SQLite file of a running Sandpit (the bench measures the SQLite store). */
export function sqlitePath(config: Config): string {
  if (config.db.kind !== "sqlite") throw new Error("the bench's SQL breakdown reads the SQLite store");
  return config.db.path;
}
