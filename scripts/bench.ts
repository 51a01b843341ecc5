/**
 * `npm run bench`: Sandpit's per-user list against Mailpit's own list, side by side in one run.
 * Three processes: Mailpit, Sandpit started as users start it (the compiled dist/main.js), and this
 * load generator. One pass per store (BENCH_STORES, default "sqlite,postgres"), each on a fresh
 * Mailpit: seed over SMTP to each size, time the lists interleaved, then ownership lag, wait
 * wake-up, memory, restart to ready and a cold reindex at the largest size.
 *
 * BENCH_SMALL (1000), BENCH_LARGE (20000; 100000 is the full profile, which also measures 20,000
 * on the way and defaults to 1,000 users), BENCH_USERS (50), BENCH_N (200 requests per point),
 * BENCH_WARMUP (20), BENCH_LAG_N (200), BENCH_WAKE_N (50), BENCH_FIXED (50), BENCH_SEED (1),
 * BENCH_SMTP_CONNECTIONS (4), BENCH_RESTARTS (3), BENCH_REINDEX (1), BENCH_PROFILE=dir (CPU profile
 * of Sandpit). Figures: stdout and bench-results/bench-<store>-latest.json (and a dated copy).
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { startMailpit } from "../test/support/mailpit.js";
import { startPostgres, type TestPostgres } from "../test/support/postgres.js";
import { getJson, target } from "./bench/http.js";
import { runPass, type PassConfig } from "./bench/pass.js";
import { formatReport, type BenchResult } from "./bench/report.js";
import type { StoreKind } from "./bench/sandpit.js";

function intEnv(name: string, dflt: number, min: number): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === "" ? dflt : Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer >= ${min} (got ${raw})`);
  return v;
}

const large = intEnv("BENCH_LARGE", 20000, 10);
const small = intEnv("BENCH_SMALL", 1000, 10);
if (large < small) throw new Error("BENCH_LARGE must be >= BENCH_SMALL");
const stores = (process.env.BENCH_STORES ?? "sqlite,postgres").split(",").map((s) => s.trim()) as StoreKind[];
for (const s of stores) if (s !== "sqlite" && s !== "postgres") throw new Error(`BENCH_STORES: unknown store "${s}"`);
const cfg: PassConfig = {
  sizes: [...new Set([small, ...(small < 20000 && large > 20000 ? [20000] : []), large])],
  users: intEnv("BENCH_USERS", large >= 100_000 ? 1000 : 50, 6),
  n: intEnv("BENCH_N", 200, 10),
  warmup: intEnv("BENCH_WARMUP", 20, 0),
  lagN: intEnv("BENCH_LAG_N", 200, 1),
  wakeN: intEnv("BENCH_WAKE_N", 50, 1),
  fixed: intEnv("BENCH_FIXED", 50, 1),
  seed: intEnv("BENCH_SEED", 1, 0),
  smtpConnections: intEnv("BENCH_SMTP_CONNECTIONS", 4, 1),
  restarts: intEnv("BENCH_RESTARTS", 3, 1),
  reindex: process.env.BENCH_REINDEX !== "0",
  indexTimeoutMs: intEnv("BENCH_INDEX_TIMEOUT_S", 900, 1) * 1000,
};
if (small < cfg.fixed + 2) throw new Error("BENCH_SMALL must be at least BENCH_FIXED + 2");

const RESULTS_DIR = fileURLToPath(new URL("../bench-results/", import.meta.url));
const runId = randomBytes(3).toString("hex");
const t0 = performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
const stops: (() => Promise<unknown>)[] = [];
let cluster: TestPostgres | undefined;
/** cleanup stops what the current pass started, newest first; `all` also stops the PostgreSQL cluster. */
const cleanup = async (all = false) => {
  for (const stop of stops.reverse()) await stop().catch((err: unknown) => log(`cleanup: ${(err as Error).message}`));
  stops.length = 0;
  if (all) await cluster?.stop().catch(() => undefined);
  if (all) cluster = undefined;
};
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => void cleanup(true).finally(() => process.exit(130)));
}

async function main(): Promise<void> {
  if (!fs.existsSync(fileURLToPath(new URL("../dist/main.js", import.meta.url)))) throw new Error("run `npm run build` first");
  if (stores.includes("postgres")) cluster = await startPostgres();
  for (const store of stores) {
    log(`pass ${store}: ${JSON.stringify(cfg)}`);
    const mp = await startMailpit();
    stops.push(() => mp.stop());
    const info = await getJson<{ Version?: string }>(target("mailpit", mp.apiUrl), "/api/v1/info");
    const startedAt = new Date().toISOString();
    const pass = await runPass({ store, mp, cluster, cfg, runId, log, track: (stop) => stops.push(stop) });
    const result: BenchResult = {
      runId,
      startedAt,
      totalRunMs: Math.round(performance.now() - t0),
      config: cfg,
      environment: {
        node: process.version,
        mailpitVersion: info.Version ?? "unknown",
        platform: `${os.platform()} ${os.release()}`,
        cpuModel: os.cpus()[0]?.model ?? "unknown",
        cpus: os.cpus().length,
        totalMemMb: Math.round(os.totalmem() / 1024 / 1024),
      },
      ...pass,
    };
    fs.mkdirSync(RESULTS_DIR, { recursive: true });
    const json = `${JSON.stringify(result, null, 2)}\n`;
    fs.writeFileSync(path.join(RESULTS_DIR, `bench-${store}-${startedAt.replace(/[:.]/g, "-")}.json`), json);
    fs.writeFileSync(path.join(RESULTS_DIR, `bench-${store}-latest.json`), json);
    process.stdout.write(`${formatReport(result)}\nresults: bench-results/bench-${store}-latest.json\n\n`);
    await cleanup();
  }
}

let code = 0;
try {
  await main();
} catch (err) {
  code = 1;
  log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}
await cleanup(true);
process.exitCode = code;
setTimeout(() => process.exit(code), 5000).unref();
