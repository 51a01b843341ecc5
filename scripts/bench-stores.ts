/**
 * `npm run bench:stores`: the same mailbox on the two stores, side by side in one run. A real
 * Mailpit, a throwaway PostgreSQL cluster, and two Sandpit processes started as users start them
 * (`node src/main.ts`): one on SQLite, one on PostgreSQL, both indexing the same Mailpit. Prints
 * list and search latency (Mailpit's own list alongside), ownership lag (SMTP accept until a
 * waiting call returns), and restart-to-ready against the full walk readiness used to wait for.
 *
 * BENCH_STORES_N (2000 messages), BENCH_STORES_USERS (20), BENCH_N (200 timed requests),
 * BENCH_WARMUP (20), BENCH_LAG_N (50). Figures: stdout and bench-results/stores-latest.json.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { waitFor, type TestApp } from "../test/support/app.js";
import { startMailpit } from "../test/support/mailpit.js";
import { createDatabase, startPostgres } from "../test/support/postgres.js";
import { startReplica, type Replica } from "../test/support/replica.js";
import { registerUser, type TestUser } from "../test/support/users.js";
import { getJson, measureLists, target, type Target } from "./bench/http.js";
import { makeGenerator } from "./bench/mailgen.js";
import { createPooledTransport, seed } from "./bench/smtp.js";
import { ratio, round, summarize, type Stats } from "./bench/stats.js";
import { measureWake } from "./bench/wake.js";
import { fullWalkAt, indexedCount } from "./bench/walk-state.js";

const int = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const cfg = {
  n: int("BENCH_STORES_N", 2000),
  users: int("BENCH_STORES_USERS", 20),
  requests: int("BENCH_N", 200),
  warmup: int("BENCH_WARMUP", 20),
  lagN: int("BENCH_LAG_N", 50),
};
const runId = randomBytes(3).toString("hex");
const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench:stores ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
const stops: (() => Promise<void>)[] = [];

async function main() {
  const cluster = await startPostgres();
  stops.push(() => cluster.stop());
  const mp = await startMailpit();
  stops.push(() => mp.stop());
  const pgUrl = await createDatabase(cluster.adminUrl, `bench_${runId}`);
  const common = { MAILPIT_URL: mp.apiUrl, SANDPIT_RECONCILE_SECONDS: "30", SANDPIT_LOG: "warn" };
  const envOf = { sqlite: { ...common }, postgres: { ...common, SANDPIT_DATABASE_URL: pgUrl } };
  const dataDirs: Record<string, string> = {};
  const start = async (store: "sqlite" | "postgres", dataDir?: string) => {
    const r = await startReplica({ ...envOf[store], ...(dataDir ? { SANDPIT_DATA_DIR: dataDir } : {}) });
    stops.push(() => r.stop());
    return r;
  };
  const sq = await start("sqlite");
  const pg = await start("postgres");
  await Promise.all([sq.ready(), pg.ready()]);
  dataDirs.sqlite = sq.dataDir;
  log(`Mailpit ${mp.apiUrl}; Sandpit on SQLite ${sq.url}, on PostgreSQL ${pg.url}`);

  const emails = Array.from({ length: cfg.users }, (_, i) => `user${i}@bench.test`);
  const on = (r: Replica) => ({ url: r.url }) as TestApp;
  const usersSq: TestUser[] = [];
  const usersPg: TestUser[] = [];
  for (const e of emails) {
    usersSq.push(await registerUser(on(sq), e));
    usersPg.push(await registerUser(on(pg), e));
  }
  const transport = createPooledTransport(mp.smtpPort, 4, true);
  log(`seeding ${cfg.n} messages over SMTP`);
  const seeded = await seed(transport, cfg.n, makeGenerator(emails, runId, 1));
  transport.close();
  const mpT = target("mailpit", mp.apiUrl);
  const mpTotal = (await getJson<{ total: number }>(mpT, "/api/v1/messages?limit=1")).total;
  // Wait until both stores hold every message for the first user, the same count on both.
  const totalOf = async (u: TestUser) => (await u.json("/api/v1/messages?limit=1")).body.total as number;
  await waitFor(
    async () => (await indexedCount("sqlite", sq.dataDir)) === mpTotal && (await indexedCount("postgres", pgUrl)) === mpTotal,
    "both stores to index the burst",
    600_000,
  );
  log(`indexed ${seeded.ids.length} messages on both stores`);

  // The typical user: the median mailbox.
  const sizes = await Promise.all(usersSq.map(async (u, i) => ({ i, total: await totalOf(u) })));
  sizes.sort((a, b) => a.total - b.total);
  const typical = sizes[Math.floor(sizes.length / 2)]!;
  const [uSq, uPg] = [usersSq[typical.i]!, usersPg[typical.i]!];
  const tSq = target("sqlite", sq.url, { authorization: `Bearer ${uSq.token}` });
  const tPg = target("postgres", pg.url, { authorization: `Bearer ${uPg.token}` });
  const targets: Target[] = [mpT, tSq, tPg];

  const lists = await measureLists(targets, "/api/v1/messages?limit=50", cfg.requests, cfg.warmup);
  const word = "the";
  const search = await measureSearch([mpT, tSq, tPg], `/api/v1/search?query=${word}&limit=50`, cfg.requests, cfg.warmup);
  log("measuring ownership lag (SMTP accept until GET /api/v1/wait returns)");
  const lagSq = (await measureWake(sq.url, mp.smtpPort, uSq, runId, cfg.lagN)).rest;
  const lagPg = (await measureWake(pg.url, mp.smtpPort, uPg, runId, cfg.lagN)).rest;
  for (const t of targets) await t.pool.destroy();

  log("restarting both Sandpits: time to ready, and to the end of the full walk readiness used to wait for");
  const restart = async (store: "sqlite" | "postgres", old: Replica) => {
    await old.stop();
    const before = await fullWalkAt(store, store === "sqlite" ? dataDirs.sqlite! : pgUrl);
    const t = performance.now();
    const r = await start(store, store === "sqlite" ? dataDirs.sqlite : undefined);
    await r.ready();
    const readyMs = performance.now() - t;
    await waitFor(
      async () => (await fullWalkAt(store, store === "sqlite" ? dataDirs.sqlite! : pgUrl)) !== before,
      "the full walk",
      600_000,
    );
    return { readyMs: round(readyMs, 0), fullWalkMs: round(performance.now() - t, 0) };
  };
  const rSq = await restart("sqlite", sq);
  const rPg = await restart("postgres", pg);

  const p = (s: Stats) => `${s.p50} / ${s.p99}`;
  const stats = Object.fromEntries(Object.entries(lists.samples).map(([k, v]) => [k, summarize(v)])) as Record<string, Stats>;
  const result = {
    date: new Date().toISOString(),
    messages: mpTotal,
    users: cfg.users,
    typicalMailbox: typical.total,
    list: stats,
    listRatio: { sqlite: ratio(stats.sqlite!.p50, stats.mailpit!.p50), postgres: ratio(stats.postgres!.p50, stats.mailpit!.p50) },
    search,
    lag: { sqlite: lagSq, postgres: lagPg },
    restart: {
      sqlite: { readyMs: rSq.readyMs, fullWalkMs: rSq.fullWalkMs },
      postgres: { readyMs: rPg.readyMs, fullWalkMs: rPg.fullWalkMs },
    },
  };
  const lines = [
    `Stores side by side: ${mpTotal} messages in Mailpit, ${cfg.users} users, typical mailbox ${typical.total} (ms, p50 / p99)`,
    `  GET /api/v1/messages?limit=50   Mailpit ${p(stats.mailpit!)}   SQLite ${p(stats.sqlite!)} (${result.listRatio.sqlite}x)   PostgreSQL ${p(stats.postgres!)} (${result.listRatio.postgres}x)`,
    `  GET /api/v1/search?query=${word}     Mailpit ${p(search.mailpit!)}   SQLite ${p(search.sqlite!)}   PostgreSQL ${p(search.postgres!)}`,
    `  ownership lag (SMTP accept -> wait returns)   SQLite ${p(lagSq)}   PostgreSQL ${p(lagPg)}`,
    `  restart to ready / to the end of the full walk   SQLite ${rSq.readyMs} / ${rSq.fullWalkMs}   PostgreSQL ${rPg.readyMs} / ${rPg.fullWalkMs}`,
  ];
  process.stdout.write(`${lines.join("\n")}\n`);
  const dir = fileURLToPath(new URL("../bench-results/", import.meta.url));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(`${dir}stores-latest.json`, JSON.stringify(result, null, 2));
}

/** measureSearch times one search path on each target, interleaved, like measureLists. */
async function measureSearch(targets: Target[], path: string, n: number, warmup: number): Promise<Record<string, Stats>> {
  const samples: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
  for (let round = 0; round < warmup + n; round++) {
    for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
      const s = performance.now();
      await getJson(t, path);
      if (round >= warmup) samples[t.name]!.push(performance.now() - s);
    }
  }
  return Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, summarize(v)]));
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:stores failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });
