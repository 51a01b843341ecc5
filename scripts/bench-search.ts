/**
 * `npm run bench:search`: Sandpit's search against Mailpit's own over the same messages. A real
 * Mailpit and a Sandpit process started as users start it (`node src/main.ts`; SQLite, or the
 * test PostgreSQL with BENCH_STORE=postgres). Every message goes to one user straight into
 * Mailpit's SMTP, so Mailpit's search over its whole mailbox and the user's search over theirs
 * see the same messages. Each query is timed interleaved on both, and both must answer the same
 * total and the same first page.
 *
 * BENCH_SEARCH_N (10000 messages), BENCH_SEARCH_REQUESTS (60 per query and side), BENCH_WARMUP (5);
 * BENCH_EXPLAIN=1 also prints the store's plan of each query at this size.
 * Figures: stdout and bench-results/search-latest.json.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import type { SendMailOptions } from "nodemailer";
import { waitFor, type TestApp } from "../test/support/app.js";
import { startMailpit } from "../test/support/mailpit.js";
import { createDatabase, startPostgres } from "../test/support/postgres.js";
import { startReplica } from "../test/support/replica.js";
import { registerUser } from "../test/support/users.js";
import { explainSearch, type StoreAt } from "./bench/explain.js";
import { getJson, target, timedGet, type Target } from "./bench/http.js";
import { mulberry32 } from "./bench/mailgen.js";
import { createPooledTransport, seed } from "./bench/smtp.js";
import { ratio, summarize } from "./bench/stats.js";

const int = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const cfg = {
  n: int("BENCH_SEARCH_N", 10_000),
  requests: int("BENCH_SEARCH_REQUESTS", 60),
  warmup: int("BENCH_WARMUP", 5),
  store: process.env.BENCH_STORE === "postgres" ? "postgres" : "sqlite",
};
/** The queries: a word in ~10% of messages, a word in 5 of them, and a phrase of two common words. */
const QUERIES = { word: "quarterly", rare: "zephyrine", phrase: '"failed deploy"' };
const runId = randomBytes(3).toString("hex");
const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench:search ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
const stops: (() => Promise<void>)[] = [];

const WORDS = (
  "order invoice shipped delivery account password reset welcome verify token receipt payment " +
  "subscription renewal report weekly digest alert build failed passed deploy release review " +
  "comment mention ticket update reminder meeting schedule confirm cancel refund"
).split(" ");

/** mail makes message i of the mix: ~60 words from the bench vocabulary, with the planted words. */
function mailFor(to: string) {
  const rnd = mulberry32(7);
  const words = (n: number) => Array.from({ length: n }, () => WORDS[Math.floor(rnd() * WORDS.length)]!).join(" ");
  let i = 0;
  return (): SendMailOptions => {
    i += 1;
    const planted = [i % 10 === 3 ? "quarterly" : "", i % 2000 === 11 ? "zephyrine" : ""].join(" ");
    const text = Array.from({ length: 5 }, () => `${words(12)}.`).join("\n");
    return { from: "alerts@ci.example", to, subject: `search-${runId} ${words(3)} #${i}`, text: `${text}\n${planted}\n` };
  };
}

/** startSandpit starts the Sandpit process on the chosen store, in front of Mailpit. */
async function startSandpit(mp: { apiUrl: string; smtpPort: number }) {
  const env: Record<string, string> = { MAILPIT_URL: mp.apiUrl, SANDPIT_RECONCILE_SECONDS: "30", SANDPIT_LOG: "warn" };
  if (cfg.store === "postgres") {
    const cluster = await startPostgres();
    stops.push(() => cluster.stop());
    env.SANDPIT_DATABASE_URL = await createDatabase(cluster.adminUrl, `bench_search_${runId}`);
  }
  const sandpit = await startReplica(env);
  stops.push(() => sandpit.stop());
  await sandpit.ready();
  const at: StoreAt = env.SANDPIT_DATABASE_URL
    ? { kind: "postgres", url: env.SANDPIT_DATABASE_URL }
    : { kind: "sqlite", dataDir: sandpit.dataDir };
  return { ...sandpit, at };
}

type Page = { total: number; messages_count: number; messages: { ID: string; Created: string }[] };

/**
 * samePage tells whether two first pages agree: the same creation times in the same order, and
 * the same IDs, except that messages created in the same millisecond may come in either order
 * (Mailpit breaks the tie its own way), so at the page's end a different one of them may be cut.
 */
function samePage(a: Page, b: Page): boolean {
  // Go writes 13:59:14.77Z where JavaScript writes 13:59:14.770Z: compare the instants.
  const ms = (m: { Created: string }) => Date.parse(m.Created);
  const times = (p: Page) => p.messages.map(ms).join();
  const last = a.messages.length ? ms(a.messages.at(-1)!) : undefined;
  const ids = (p: Page) =>
    p.messages
      .filter((m) => ms(m) !== last)
      .map((m) => m.ID)
      .sort()
      .join();
  return times(a) === times(b) && ids(a) === ids(b);
}

/** measure times one search path on both sides, interleaved, and checks they agree. */
async function measure(targets: [Target, Target], path: string) {
  const samples: Record<string, number[]> = { mailpit: [], sandpit: [] };
  const pages: Record<string, Page> = {};
  for (let round = 0; round < cfg.warmup + cfg.requests; round++) {
    for (const t of round % 2 === 0 ? targets : [...targets].reverse()) {
      const r = await timedGet(t, path);
      if (r.status !== 200) throw new Error(`${t.name} GET ${path}: ${r.status} ${r.body.slice(0, 200)}`);
      pages[t.name] = JSON.parse(r.body) as Page;
      if (round >= cfg.warmup) samples[t.name]!.push(r.ms);
    }
  }
  const [mp, sp] = [pages.mailpit!, pages.sandpit!];
  const ids = (p: Page) => p.messages.map((m) => m.ID);
  // Mailpit's counters are global: here every message in it is the user's, so they must agree.
  if (mp.total !== sp.total || mp.messages_count !== sp.messages_count || !samePage(mp, sp)) {
    const show = (p: Page) => `${p.messages_count} of ${p.total} (${ids(p).slice(0, 3).join()}…)`;
    throw new Error(`${path}: Mailpit found ${show(mp)}, Sandpit ${show(sp)}`);
  }
  const stats = { mailpit: summarize(samples.mailpit!), sandpit: summarize(samples.sandpit!) };
  return {
    matches: sp.messages_count,
    ...stats,
    ratioP50: ratio(stats.sandpit.p50, stats.mailpit.p50),
    ratioP99: ratio(stats.sandpit.p99, stats.mailpit.p99),
  };
}

async function main() {
  const mp = await startMailpit();
  stops.push(() => mp.stop());
  const sandpit = await startSandpit(mp);
  const user = await registerUser({ url: sandpit.url } as TestApp, `searcher-${runId}@bench.test`);
  const transport = createPooledTransport(mp.smtpPort, 4, true);
  stops.push(async () => transport.close());
  log(`seeding ${cfg.n} messages to ${user.email} straight into Mailpit's SMTP`);
  // Two sends at a time: Mailpit orders by its creation time, so the mail should not share one.
  const seeded = await seed(transport, cfg.n, mailFor(user.email), { inflight: 2 });
  log(`seeded at ${seeded.ratePerSec.toFixed(0)} msg/s; waiting for Sandpit (${cfg.store}) to index them`);
  const total = async () => (await user.json("/api/v1/messages?limit=1")).body.total as number;
  await waitFor(async () => (await total()) === cfg.n, "Sandpit to index every message", 900_000);

  const targets: [Target, Target] = [
    target("mailpit", mp.apiUrl),
    target("sandpit", sandpit.url, { authorization: `Bearer ${user.token}` }),
  ];
  const mpTotal = (await getJson<{ total: number }>(targets[0], "/api/v1/messages?limit=1")).total;
  if (mpTotal !== cfg.n) throw new Error(`Mailpit holds ${mpTotal} messages, expected ${cfg.n}`);
  const results: Record<string, Awaited<ReturnType<typeof measure>>> = {};
  // The plain list first: what every request costs besides the search itself.
  results.list = await measure(targets, "/api/v1/messages?limit=50");
  for (const [name, q] of Object.entries(QUERIES)) {
    log(`timing ${name}: ${q}`);
    results[name] = await measure(targets, `/api/v1/search?query=${encodeURIComponent(q)}&limit=50`);
    if (process.env.BENCH_EXPLAIN) process.stderr.write(`${await explainSearch(sandpit.at, user.email, q)}\n`);
  }
  for (const t of targets) await t.pool.destroy();

  const result = { runId, at: new Date().toISOString(), config: cfg, queries: QUERIES, results };
  const out = fileURLToPath(new URL("../bench-results/search-latest.json", import.meta.url));
  fs.mkdirSync(new URL("../bench-results/", import.meta.url), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  const lines = Object.entries(results).map(
    ([name, r]) =>
      `  ${name.padEnd(7)} ${(QUERIES[name as keyof typeof QUERIES] ?? "(no query)").padEnd(16)} ${String(r.matches).padStart(6)} matches` +
      `   Mailpit ${r.mailpit.p50} / ${r.mailpit.p99} ms   Sandpit ${r.sandpit.p50} / ${r.sandpit.p99} ms   (${r.ratioP50}x p50, ${r.ratioP99}x p99)`,
  );
  process.stdout.write([`Search over ${cfg.n} messages, Sandpit on ${cfg.store}, p50 / p99 (run ${runId})`, ...lines, ""].join("\n"));
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:search failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });
