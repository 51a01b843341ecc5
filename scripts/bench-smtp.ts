/**
 * `npm run bench:smtp`: SMTP through Sandpit against SMTP straight into Mailpit, in one run. A real
 * Mailpit and a Sandpit process started as users start it (`node src/main.ts`, SQLite). Prints the
 * throughput of the same generated mail over the same pooled connections into each, and the lag
 * from a client starting a send until the recipient's list shows the message.
 *
 * BENCH_SMTP_PREFILL (2000 messages first, so Mailpit is not empty), BENCH_SMTP_N (2000 per
 * throughput run), BENCH_SMTP_CONNECTIONS (4), BENCH_SMTP_USERS (20), BENCH_LAG_N (100).
 * Figures: stdout and bench-results/smtp-latest.json.
 */
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { freePort } from "../src/mailpit/supervisor.js";
import type { TestApp } from "../test/support/app.js";
import { startMailpit } from "../test/support/mailpit.js";
import { startReplica } from "../test/support/replica.js";
import { registerUser } from "../test/support/users.js";
import { makeGenerator } from "./bench/mailgen.js";
import { createPooledTransport, queuedId, seed } from "./bench/smtp.js";
import { ratio, round, summarize } from "./bench/stats.js";

const int = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const cfg = {
  prefill: int("BENCH_SMTP_PREFILL", 2000),
  n: int("BENCH_SMTP_N", 2000),
  connections: int("BENCH_SMTP_CONNECTIONS", 4),
  users: int("BENCH_SMTP_USERS", 20),
  lagN: int("BENCH_LAG_N", 100),
};
const runId = randomBytes(3).toString("hex");
const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench:smtp ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
const stops: (() => Promise<void>)[] = [];

async function main() {
  const mp = await startMailpit();
  stops.push(() => mp.stop());
  const smtpPort = await freePort();
  const sandpit = await startReplica(
    {
      MAILPIT_URL: mp.apiUrl,
      MAILPIT_SMTP: `127.0.0.1:${mp.smtpPort}`,
      SANDPIT_SMTP_PORT: String(smtpPort),
      SANDPIT_IMAP_PORT: "0",
      SANDPIT_POP3_PORT: "0",
      SANDPIT_RECONCILE_SECONDS: "30",
      SANDPIT_LOG: "warn",
      // The bench measures the door, not its limits.
      SANDPIT_SMTP_MESSAGES_PER_MINUTE: "10000000",
      SANDPIT_SENDS_PER_MINUTE: "0",
    },
    // BENCH_PROFILE=dir: a CPU profile of the Sandpit process (node --cpu-prof) in that folder.
    { compiled: true, nodeArgs: process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [] },
  );
  stops.push(() => sandpit.stop());
  await sandpit.ready();
  const app = { url: sandpit.url } as TestApp;
  const emails = Array.from({ length: cfg.users }, (_, i) => `user${i}@bench.test`);
  const users = await Promise.all(emails.map((e) => registerUser(app, e)));
  const gen = makeGenerator(emails, runId, 42);

  const direct = createPooledTransport(mp.smtpPort, cfg.connections, true);
  const through = createPooledTransport(smtpPort, cfg.connections, true);
  stops.push(async () => {
    direct.close();
    through.close();
  });
  log(`prefilling Mailpit with ${cfg.prefill} messages`);
  await seed(direct, cfg.prefill, gen, { inflight: cfg.connections * 2 });

  // Alternate the two targets twice, so a warming machine favours neither.
  const rates = { mailpit: [] as number[], sandpit: [] as number[] };
  for (let round_ = 0; round_ < 2; round_++) {
    for (const [name, t] of [
      ["mailpit", direct],
      ["sandpit", through],
    ] as const) {
      const r = await seed(t, cfg.n / 2, gen, { inflight: cfg.connections * 2 });
      rates[name].push(r.ratePerSec);
      log(`${name}: ${cfg.n / 2} messages at ${r.ratePerSec.toFixed(0)} msg/s`);
    }
  }
  const rate = (xs: number[]) => round(xs.reduce((a, b) => a + b, 0) / xs.length, 1);

  log(`measuring send-to-visible lag over ${cfg.lagN} messages`);
  const accept: Record<"mailpit" | "sandpit", number[]> = { mailpit: [], sandpit: [] };
  const visible: number[] = [];
  const rcpt = users[0]!;
  for (let i = 0; i < cfg.lagN; i++) {
    for (const [name, t] of [
      ["mailpit", direct],
      ["sandpit", through],
    ] as const) {
      const started = performance.now();
      const info = await t.sendMail({ from: "app@shop.test", to: rcpt.email, subject: `lag ${runId} ${name} ${i}`, text: "x" });
      accept[name].push(performance.now() - started);
      if (name !== "sandpit") continue;
      const id = queuedId(info.response);
      // Read-your-writes: the first list after the 250 already has it (checked, and timed).
      const list = await rcpt.json(`/api/v1/messages?limit=5`);
      if (!(list.body.messages as { ID: string }[]).some((m) => m.ID === id)) throw new Error(`message ${id} not visible after its 250`);
      visible.push(performance.now() - started);
    }
  }

  const result = {
    runId,
    at: new Date().toISOString(),
    config: cfg,
    throughputPerSec: { mailpit: rate(rates.mailpit), sandpit: rate(rates.sandpit) },
    throughputRatio: ratio(rate(rates.sandpit), rate(rates.mailpit)),
    acceptMs: { mailpit: summarize(accept.mailpit), sandpit: summarize(accept.sandpit) },
    sendToVisibleMs: summarize(visible),
  };
  const out = fileURLToPath(new URL("../bench-results/smtp-latest.json", import.meta.url));
  fs.mkdirSync(new URL("../bench-results/", import.meta.url), { recursive: true });
  fs.writeFileSync(out, JSON.stringify(result, null, 2));
  const p = (s: { p50: number; p99: number }) => `${s.p50} / ${s.p99} ms`;
  process.stdout.write(
    [
      `SMTP, ${cfg.connections} connections, Mailpit prefilled with ${cfg.prefill} messages (run ${runId})`,
      `  throughput          straight into Mailpit ${result.throughputPerSec.mailpit} msg/s   through Sandpit ${result.throughputPerSec.sandpit} msg/s   (${result.throughputRatio}x)`,
      `  accept p50/p99      Mailpit ${p(result.acceptMs.mailpit)}   Sandpit ${p(result.acceptMs.sandpit)}`,
      `  send -> visible     Sandpit ${p(result.sendToVisibleMs)} (the 250 comes after indexing)`,
      "",
    ].join("\n"),
  );
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:smtp failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });
