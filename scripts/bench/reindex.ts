import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDb } from "../../src/store/sqlite/client.js";
import { performance } from "node:perf_hooks";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/lib/log.js";
import { startServer, type RunningServer } from "../../src/server.js";
import { waitFor } from "../../test/support/app.js";
import type { TestMailpit } from "../../test/support/mailpit.js";
import { sqlitePath } from "./sql.js";
import { round } from "./stats.js";

export interface ReindexResult {
  messages: number;
  /** From startServer until the first full reconcile has indexed every message Mailpit holds. */
  ms: number;
  ratePerSec: number;
}

/**
 * coldReindex starts a second Sandpit with an empty index in front of the filled Mailpit and times
 * its first reconcile: the indexer's own throughput, not bounded by how fast SMTP delivers.
 * (startServer, not startApp: startApp gives /readyz only 10 s, and readiness waits for this walk.)
 */
export async function coldReindex(
  mp: TestMailpit,
  expected: number,
  timeoutMs: number,
  track: (stop: () => Promise<void>) => void,
): Promise<ReindexResult> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-bench-reindex-"));
  const running: { server?: RunningServer } = {};
  const stop = async () => {
    await running.server?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  track(stop);
  const config = loadConfig({
    SANDPIT_PORT: "0",
    SANDPIT_SMTP_PORT: "0",
    SANDPIT_IMAP_PORT: "0",
    SANDPIT_DATA_DIR: dir,
    MAILPIT_URL: mp.apiUrl,
    MAILPIT_SMTP: `127.0.0.1:${mp.smtpPort}`,
    SANDPIT_RECONCILE_SECONDS: "30",
    SANDPIT_LOG: "silent",
  });
  const t0 = performance.now();
  const s = await startServer(config, { log: createLogger("silent") });
  running.server = s;
  const db = openDb(sqlitePath(s.deps.config));
  const count = () => (db.$client.prepare("SELECT count(*) AS n FROM messages").get() as { n: number }).n;
  await waitFor(() => s.poller.isCaughtUp() && count() >= expected, `a cold reindex of ${expected} messages`, timeoutMs);
  db.$client.close();
  const ms = performance.now() - t0;
  const messages = count();
  await stop();
  return { messages, ms: round(ms, 0), ratePerSec: round((messages / ms) * 1000, 1) };
}
