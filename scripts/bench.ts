/**
 * `npm run bench`: Sandpit's per-user list against Mailpit's own list, side by side in one run,
 * on a real Mailpit and a real (in-process) Sandpit, both on random loopback ports.
 *
 * Sizes come from the environment: BENCH_SMALL (1000), BENCH_LARGE (20000), BENCH_USERS (50),
 * BENCH_N (200 list requests per point), BENCH_WARMUP (20), BENCH_LAG_N (200), BENCH_WAKE_N (100), BENCH_SEED (1),
 * BENCH_SMTP_CONNECTIONS (4), BENCH_SMTP_NODELAY (1), BENCH_INDEX_TIMEOUT_S (600),
 * BENCH_FIXED (50 messages in the fixed-size mailbox), BENCH_REINDEX (1: time a cold reindex),
 * BENCH_TIMEOUT_S (3600), BENCH_KEEP=1 keeps the data folders.
 * Figures go to stdout and to bench-results/bench-<timestamp>.json and bench-results/latest.json.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import { fileURLToPath } from "node:url";
import { startApp, waitFor, type TestApp } from "../test/support/app.js";
import { deliver } from "../test/support/mail.js";
import { startMailpit, type TestMailpit } from "../test/support/mailpit.js";
import { registerUser, type TestUser } from "../test/support/users.js";
import { getJson, measureLists, target, type Target } from "./bench/http.js";
import { EXTERNAL_SENDERS, makeGenerator } from "./bench/mailgen.js";
import { formatReport, writeResults, type BenchResult, type ListResult, type PhaseResult } from "./bench/report.js";
import { coldReindex, type ReindexResult } from "./bench/reindex.js";
import { createPooledTransport, queuedId, seed, type Pooled } from "./bench/smtp.js";
import { sqlBreakdown, sqlitePath } from "./bench/sql.js";
import { openDb } from "../src/store/sqlite/client.js";
import { ratio, round, summarize } from "./bench/stats.js";
import { measureWake } from "./bench/wake.js";

function intEnv(name: string, dflt: number, min: number): number {
  const raw = process.env[name];
  const v = raw === undefined || raw === "" ? dflt : Number(raw);
  if (!Number.isInteger(v) || v < min) throw new Error(`${name} must be an integer >= ${min} (got ${raw})`);
  return v;
}

const cfg = {
  small: intEnv("BENCH_SMALL", 1000, 10),
  large: intEnv("BENCH_LARGE", 20000, 10),
  users: intEnv("BENCH_USERS", 50, 6),
  n: intEnv("BENCH_N", 200, 10),
  warmup: intEnv("BENCH_WARMUP", 20, 0),
  lagN: intEnv("BENCH_LAG_N", 200, 1),
  wakeN: intEnv("BENCH_WAKE_N", 100, 1),
  fixed: intEnv("BENCH_FIXED", 50, 1),
  reindex: process.env.BENCH_REINDEX !== "0",
  seed: intEnv("BENCH_SEED", 1, 0),
  indexTimeoutS: intEnv("BENCH_INDEX_TIMEOUT_S", 600, 1),
  timeoutS: intEnv("BENCH_TIMEOUT_S", 3600, 10),
  smtpConnections: intEnv("BENCH_SMTP_CONNECTIONS", 4, 1),
  /** BENCH_SMTP_NODELAY=0 seeds with nodemailer's own sockets (Nagle on: ~40 ms per message). */
  smtpNoDelay: process.env.BENCH_SMTP_NODELAY !== "0",
  keep: process.env.BENCH_KEEP === "1",
};
if (cfg.large < cfg.small) throw new Error("BENCH_LARGE must be >= BENCH_SMALL");
if (cfg.small < cfg.fixed + 2) throw new Error("BENCH_SMALL must be at least BENCH_FIXED + 2");

const LIST_PATH = "/api/v1/messages?limit=50";
const RESULTS_DIR = fileURLToPath(new URL("../bench-results/", import.meta.url));
const runId = randomBytes(3).toString("hex");
const t0 = performance.now();
const log = (msg: string) => process.stderr.write(`[bench ${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}\n`);
const mb = (bytes: number) => round(bytes / 1024 / 1024, 1);

let mp: TestMailpit | undefined;
let app: TestApp | undefined;
let transport: Pooled | undefined;
const targets: Target[] = [];
let cleaning: Promise<void> | undefined;
const extraStops: (() => Promise<void>)[] = [];

/** cleanup stops everything this run started, once, in reverse order, and removes its data. */
function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    const step = async (what: string, fn: () => unknown) => {
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([fn(), new Promise((_, reject) => (timer = setTimeout(() => reject(new Error("timed out")), 15_000)))]);
      } catch (err) {
        log(`cleanup: ${what} failed: ${(err as Error).message}`);
      } finally {
        clearTimeout(timer);
      }
    };
    await step("SMTP transport", () => transport?.close());
    for (const stop of extraStops) await step("reindex Sandpit", stop);
    for (const t of targets) await step(`${t.name} client`, () => t.pool.destroy());
    await step("Sandpit", () => app?.stop());
    await step("Mailpit", () => mp?.stop());
    if (!cfg.keep) {
      for (const dir of [app?.dataDir, mp?.dir]) if (dir) fs.rmSync(dir, { recursive: true, force: true });
    } else log(`kept data: ${app?.dataDir} ${mp?.dir}`);
  })();
  return cleaning;
}

const watchdog = setTimeout(() => {
  log(`giving up: the whole run exceeded BENCH_TIMEOUT_S=${cfg.timeoutS}`);
  void cleanup().finally(() => process.exit(1));
}, cfg.timeoutS * 1000);
watchdog.unref();
for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.once(sig, () => {
    log(`${sig}: stopping`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function main(): Promise<BenchResult> {
  const startedAt = new Date().toISOString();
  const notes: string[] = [];
  log(`run ${runId}: starting Mailpit and Sandpit (${JSON.stringify(cfg)})`);
  mp = await startMailpit();
  app = await startApp(mp, { SANDPIT_RECONCILE_SECONDS: "30" });
  const { bus } = app.server;
  // A second connection to the same SQLite file (WAL), for row counts and the per-query timings.
  const db = openDb(sqlitePath(app.server.deps.config));
  const mailpitT = target("mailpit", mp.apiUrl);
  targets.push(mailpitT);
  const info = await getJson<{ Version?: string }>(mailpitT, "/api/v1/info");

  // Every message the index takes, timestamped when it lands (first time only).
  const indexedAt = new Map<string, number>();
  const waiters = new Map<string, (at: number) => void>();
  bus.subscribe((e) => {
    if (e.type !== "new" || indexedAt.has(e.id)) return;
    const at = performance.now();
    indexedAt.set(e.id, at);
    waiters.get(e.id)?.(at);
  });
  const countRows = () => (db.$client.prepare("SELECT count(*) AS n FROM messages").get() as { n: number }).n;

  const emails = Array.from({ length: cfg.users }, (_, i) => `user${i}@bench.test`);
  const users: TestUser[] = [];
  for (let i = 0; i < emails.length; i += 10) users.push(...(await Promise.all(emails.slice(i, i + 10).map((e) => registerUser(app!, e)))));
  const marker = await registerUser(app, "marker@bench.test");
  const fixed = await registerUser(app, "fixed@bench.test");
  const markerT = target("marker", app.url, { authorization: `Bearer ${marker.token}` });
  targets.push(markerT);
  const mailpitTotal = async () => (await getJson<{ total: number }>(mailpitT, "/api/v1/messages?limit=1")).total;
  log(`registered ${users.length} users + marker@bench.test + fixed@bench.test`);

  const next = makeGenerator(emails, runId, cfg.seed);
  transport = createPooledTransport(mp.smtpPort, cfg.smtpConnections, cfg.smtpNoDelay);

  /** fill seeds until Mailpit holds `total` messages (the last one a marker) and waits for the index. */
  async function fill(total: number): Promise<PhaseResult> {
    const before = await mailpitTotal();
    // The first burst also fills fixed@bench.test's mailbox, which never grows afterwards.
    const fixedCount = before === 0 ? cfg.fixed : 0;
    const count = Math.max(0, total - before - 1);
    log(`seeding ${count} messages + 1 marker (instance ${before} -> ${total})`);
    let made = 0;
    const mix = () => {
      made += 1;
      if (made > fixedCount) return next();
      return {
        from: EXTERNAL_SENDERS[made % EXTERNAL_SENDERS.length],
        to: fixed.email,
        subject: `bench-${runId} fixed ${made}`,
        text: `fixed mailbox ${made}`,
      };
    };
    const s = await seed(transport!, count, mix, {
      onProgress: (sent, ms) => log(`  sent ${sent}/${count} (${((sent / ms) * 1000).toFixed(0)} msg/s), indexed ${indexedAt.size}`),
    });
    const subject = `bench-${runId}-marker-${total}`;
    const sent = await transport!.sendMail({ from: EXTERNAL_SENDERS[0], to: marker.email, subject, text: "marker" });
    const markerId = queuedId(sent.response);
    const lastAccept = performance.now();
    const ids = [...s.ids, markerId];
    const smtpMs = lastAccept - s.startedAt;
    log(`  SMTP done: ${ids.length} messages in ${(smtpMs / 1000).toFixed(1)} s; waiting for the index`);
    let lastLog = performance.now();
    let mpTotal = 0;
    let rows = 0;
    await waitFor(
      async () => {
        mpTotal = await mailpitTotal();
        rows = countRows();
        const pending = ids.reduce((n, id) => n + (indexedAt.has(id) ? 0 : 1), 0);
        if (performance.now() - lastLog > 5000) {
          lastLog = performance.now();
          log(`  index: ${rows} rows / Mailpit ${mpTotal}; ${pending} of this burst not indexed yet`);
        }
        if (pending > 0 || rows !== mpTotal) return false;
        const q = encodeURIComponent(`subject:${subject}`);
        const found = await getJson<{ messages: { ID: string }[] }>(markerT, `/api/v1/search?query=${q}&limit=5`);
        return found.messages.some((m) => m.ID === markerId);
      },
      `the index to catch up with ${total} messages (BENCH_INDEX_TIMEOUT_S=${cfg.indexTimeoutS})`,
      cfg.indexTimeoutS * 1000,
    );
    const verifiedAt = performance.now();
    let lastIndexed = 0;
    for (const id of ids) lastIndexed = Math.max(lastIndexed, indexedAt.get(id)!);
    if (mpTotal !== total) notes.push(`instance size ${mpTotal} differs from the target ${total}`);
    const phase: PhaseResult = {
      targetTotal: total,
      seeded: count,
      mailpitTotal: mpTotal,
      indexedRows: rows,
      smtp: { ms: round(smtpMs, 1), ratePerSec: round((ids.length / smtpMs) * 1000, 1), retries: s.retries },
      index: {
        messages: ids.length,
        ratePerSec: round((ids.length / (lastIndexed - s.startedAt)) * 1000, 1),
        catchUpMs: round(Math.max(0, lastIndexed - lastAccept), 1),
        verifiedMs: round(verifiedAt - lastAccept, 1),
      },
    };
    log(`  indexed ${phase.index.ratePerSec} msg/s; caught up ${phase.index.catchUpMs} ms after the last SMTP accept`);
    return phase;
  }

  const phases: PhaseResult[] = [];
  const lists: ListResult[] = [];
  phases.push(await fill(cfg.small));

  // The "typical" user: the median mailbox among bench users, kept for both sizes.
  const sizes = await Promise.all(users.map(async (u) => ({ u, total: (await u.json("/api/v1/messages?limit=1")).body.total as number })));
  sizes.sort((a, b) => a.total - b.total);
  const typical = sizes[Math.floor(sizes.length / 2)]!.u;
  const sandpitT = target("sandpit", app.url, { authorization: `Bearer ${typical.token}` });
  const fixedT = target("fixed", app.url, { authorization: `Bearer ${fixed.token}` });
  targets.push(sandpitT, fixedT);

  async function measure(size: number): Promise<ListResult> {
    log(`measuring ${LIST_PATH} at ${size} messages: ${cfg.n} x Sandpit (${typical.email}) and ${cfg.n} x Mailpit, interleaved`);
    const run = await measureLists([sandpitT, fixedT, mailpitT], LIST_PATH, cfg.n, cfg.warmup);
    const sp = summarize(run.samples.sandpit!);
    const fx = summarize(run.samples.fixed!);
    const mpStats = summarize(run.samples.mailpit!);
    log(`  Sandpit p50 ${sp.p50} p99 ${sp.p99} ms (fixed mailbox p50 ${fx.p50}); Mailpit p50 ${mpStats.p50} p99 ${mpStats.p99} ms`);
    const sql = sqlBreakdown(db, typical.email, cfg.n);
    return {
      size,
      path: LIST_PATH,
      user: typical.email,
      userMailbox: run.total.sandpit!,
      sandpit: sp,
      fixed: { mailbox: run.total.fixed!, stats: fx },
      mailpit: mpStats,
      ratio: { p50: ratio(sp.p50, mpStats.p50), p99: ratio(sp.p99, mpStats.p99) },
      bytes: { sandpit: run.bytes.sandpit!, mailpit: run.bytes.mailpit! },
      sql,
      sandpitRssMb: mb(process.memoryUsage().rss),
    };
  }

  lists.push(await measure(cfg.small));
  if (cfg.large > cfg.small) phases.push(await fill(cfg.large));
  else notes.push("BENCH_LARGE equals BENCH_SMALL: the large point re-measures the same instance");
  lists.push(await measure(cfg.large));

  // Ownership lag: one message at a time, SMTP accept -> indexed -> visible in the user's list.
  log(`ownership lag: ${cfg.lagN} sequential deliveries to ${typical.email}`);
  const lagSize = await mailpitTotal();
  const idx: number[] = [];
  const vis: number[] = [];
  const acc: number[] = [];
  let early = 0;
  let retries = 0;
  for (let i = 0; i < cfg.lagN; i++) {
    const sendAt = performance.now();
    const id = await deliver(mp.smtpPort, {
      from: "lag@app.example",
      to: typical.email,
      subject: `bench-${runId} lag ${i}`,
      text: `lag probe ${i}`,
    });
    const acceptAt = performance.now();
    acc.push(acceptAt - sendAt);
    const at =
      indexedAt.get(id) ??
      (await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`message ${id} was not indexed within 30 s of SMTP accept`)), 30_000);
        waiters.set(id, (t) => (clearTimeout(timer), resolve(t)));
      }).finally(() => waiters.delete(id)));
    if (at < acceptAt) early += 1;
    idx.push(Math.max(0, at - acceptAt));
    const deadline = acceptAt + 30_000;
    for (;;) {
      const page = await getJson<{ messages: { ID: string }[] }>(sandpitT, "/api/v1/messages?limit=5");
      if (page.messages.some((m) => m.ID === id)) break;
      if (performance.now() > deadline) throw new Error(`message ${id} indexed but not in ${typical.email}'s list after 30 s`);
      retries += 1;
      await sleep(2);
    }
    vis.push(performance.now() - acceptAt);
  }
  const lag = {
    size: lagSize,
    user: typical.email,
    n: cfg.lagN,
    indexed: summarize(idx),
    visible: summarize(vis),
    smtpAccept: summarize(acc),
    indexedBeforeAccept: early,
    httpRetries: retries,
  };
  log(`  indexed p50 ${lag.indexed.p50} p99 ${lag.indexed.p99} ms; visible p50 ${lag.visible.p50} p99 ${lag.visible.p99} ms`);
  log(`wait wake-up: ${cfg.wakeN} REST and ${cfg.wakeN} MCP waits for ${typical.email}`);
  const wake = await measureWake(app.url, mp.smtpPort, typical, runId, cfg.wakeN);
  log(`  REST p50 ${wake.rest.p50} p99 ${wake.rest.p99} ms; MCP p50 ${wake.mcp.p50} p99 ${wake.mcp.p99} ms`);

  const mem = process.memoryUsage();
  const fileMb = (...files: string[]) => mb(files.reduce((n, f) => n + (fs.existsSync(f) ? fs.statSync(f).size : 0), 0));
  const dbFile = sqlitePath(app.server.deps.config);
  const mpDb = path.join(mp.dir, "mailpit.db");
  let mailpitRssMb: number | null = null;
  try {
    const kb = /VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${mp.pid()}/status`, "utf8"))?.[1];
    if (kb) mailpitRssMb = mb(Number(kb) * 1024);
  } catch {
    // Not Linux: no /proc.
  }
  let reindex: ReindexResult | null = null;
  if (cfg.reindex) {
    log(`cold reindex: a second Sandpit with an empty index in front of the same Mailpit (${lagSize + cfg.lagN} messages)`);
    reindex = await coldReindex(mp, lagSize + cfg.lagN, cfg.indexTimeoutS * 1000, (stop) => extraStops.push(stop));
    log(`  ${reindex.messages} messages indexed in ${(reindex.ms / 1000).toFixed(1)} s (${reindex.ratePerSec} msg/s)`);
  }
  const [small, large] = [lists[0]!, lists[lists.length - 1]!];
  return {
    runId,
    startedAt,
    totalRunMs: round(performance.now() - t0, 0),
    config: { ...cfg, listPath: LIST_PATH, reconcileSeconds: 30 },
    environment: {
      node: process.version,
      mailpitVersion: info.Version ?? "unknown",
      platform: `${os.platform()} ${os.release()}`,
      cpuModel: os.cpus()[0]?.model ?? "unknown",
      cpus: os.cpus().length,
      totalMemMb: mb(os.totalmem()),
    },
    phases,
    lists,
    growth: {
      sandpitP50: ratio(large.sandpit.p50, small.sandpit.p50),
      mailpitP50: ratio(large.mailpit.p50, small.mailpit.p50),
      sandpitP99: ratio(large.sandpit.p99, small.sandpit.p99),
      mailpitP99: ratio(large.mailpit.p99, small.mailpit.p99),
      fixedP50: ratio(large.fixed.stats.p50, small.fixed.stats.p50),
      fixedP99: ratio(large.fixed.stats.p99, small.fixed.stats.p99),
      userMailbox: [small.userMailbox, large.userMailbox],
    },
    lag,
    wake,
    reindex,
    memory: {
      note: "Sandpit runs inside the bench process, so its RSS includes the bench's own client and SMTP code",
      sandpitRssMb: mb(mem.rss),
      sandpitHeapUsedMb: mb(mem.heapUsed),
      mailpitRssMb,
      sandpitDbMb: fileMb(dbFile, `${dbFile}-wal`, `${dbFile}-shm`),
      mailpitDbMb: fileMb(mpDb, `${mpDb}-wal`, `${mpDb}-shm`),
    },
    notes,
  };
}

let code = 0;
try {
  const result = await main();
  const file = writeResults(result, RESULTS_DIR);
  process.stdout.write(`${formatReport(result)}\n`);
  process.stdout.write(`results: ${path.relative(process.cwd(), file)} (and bench-results/latest.json)\n`);
} catch (err) {
  code = 1;
  log(`FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
}
await cleanup();
log(`stopped everything; exit ${code}`);
process.exitCode = code;
// Everything is closed, so Node exits on its own; this only guards against a leaked handle.
setTimeout(() => {
  log(`a handle was still open after cleanup (${process.getActiveResourcesInfo().join(", ")}); exiting anyway`);
  process.exit(code);
}, 5000).unref();
