import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import type { TestMailpit } from "../../test/support/mailpit.js";
import type { TestPostgres } from "../../test/support/postgres.js";
import { openStore, startSandpit, type StoreKind } from "./sandpit.js";
import { round } from "./stats.js";

export interface ReindexResult {
  messages: number;
  /** From starting the process until its index held every message Mailpit holds. */
  ms: number;
  ratePerSec: number;
}

/**
 * coldReindex starts a second Sandpit process with an empty store in front of the filled Mailpit
 * and times it until its index holds every message: the indexer's own pace, not bounded by SMTP.
 */
export async function coldReindex(o: {
  mp: TestMailpit;
  kind: StoreKind;
  cluster: TestPostgres | undefined;
  name: string;
  expected: number;
  timeoutMs: number;
}): Promise<ReindexResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-bench-reindex-"));
  const store = await openStore(o.kind, dir, o.cluster, o.name);
  const t0 = performance.now();
  const sp = await startSandpit(o.mp, store, { waitReady: false });
  try {
    let n = await store.count();
    while (n < o.expected) {
      if (performance.now() - t0 > o.timeoutMs) throw new Error(`a cold reindex held ${n} of ${o.expected} messages at the timeout`);
      await new Promise((r) => setTimeout(r, 20));
      n = await store.count();
    }
    const ms = performance.now() - t0;
    return { messages: n, ms: round(ms, 0), ratePerSec: round((n / ms) * 1000, 1) };
  } finally {
    await sp.stop();
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
