/**
 * `npm run bench:imap`: Sandpit's IMAP door against its own REST list over the same messages, in
 * one run. A real Mailpit and a Sandpit process started as users start it (SQLite). One user's Inbox
 * holds BENCH_IMAP_MAILBOX (10000) messages; each round times, alternately, the REST list of the
 * newest BENCH_IMAP_FETCH (1000), IMAP FETCH (UID ENVELOPE) of those same messages, a REST search
 * and the IMAP SEARCH of the same term over the whole mailbox. BENCH_IMAP_ROUNDS (5).
 * Figures: stdout and bench-results/imap-latest.json.
 */
import fs from "node:fs";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { freePort } from "../src/mailpit/supervisor.js";
import type { TestApp } from "../test/support/app.js";
import { startMailpit } from "../test/support/mailpit.js";
import { startReplica } from "../test/support/replica.js";
import { registerUser } from "../test/support/users.js";
import { openImap } from "./bench/imap.js";
import { createPooledTransport, seed } from "./bench/smtp.js";
import { ratio, summarize } from "./bench/stats.js";

const int = (name: string, dflt: number) => Number(process.env[name] ?? dflt);
const cfg = { mailbox: int("BENCH_IMAP_MAILBOX", 10_000), fetch: int("BENCH_IMAP_FETCH", 1000), rounds: int("BENCH_IMAP_ROUNDS", 5) };
const t0 = performance.now();
const log = (m: string) => process.stderr.write(`[bench:imap ${((performance.now() - t0) / 1000).toFixed(1)}s] ${m}\n`);
const stops: (() => Promise<void>)[] = [];
const WORDS = ["invoice", "receipt", "welcome", "reset", "order", "shipping", "alert", "digest", "verify", "report"];

async function timed<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const out = await fn();
  return [performance.now() - start, out];
}

async function main() {
  const mp = await startMailpit();
  stops.push(() => mp.stop());
  const [smtpPort, imapPort] = [await freePort(), await freePort()];
  const sandpit = await startReplica({
    MAILPIT_URL: mp.apiUrl,
    MAILPIT_SMTP: `127.0.0.1:${mp.smtpPort}`,
    SANDPIT_SMTP_PORT: String(smtpPort),
    SANDPIT_IMAP_PORT: String(imapPort),
    SANDPIT_POP3_PORT: "0",
    SANDPIT_LOG: "warn",
  });
  stops.push(() => sandpit.stop());
  await sandpit.ready();
  const user = await registerUser({ url: sandpit.url } as TestApp, "reader@bench.test");
  const transport = createPooledTransport(smtpPort, 4, true);
  stops.push(async () => transport.close());
  log(`delivering ${cfg.mailbox} messages to one Inbox through Sandpit's SMTP`);
  let n = 0;
  const seeded = await seed(
    transport,
    cfg.mailbox,
    () => {
      n += 1;
      return {
        from: `app${n % 20}@shop.test`,
        to: user.email,
        subject: `${WORDS[n % WORDS.length]} number ${n}`,
        text: `message ${n} about ${WORDS[(n * 7) % WORDS.length]}`,
      };
    },
    { inflight: 8 },
  );
  log(`seeded at ${seeded.ratePerSec.toFixed(0)} msg/s`);
  const imap = await openImap(imapPort, user.email, user.token);
  stops.push(async () => imap.close());
  const selected = await imap.run("EXAMINE INBOX");
  const exists = Number(/\* (\d+) EXISTS/.exec(selected)?.[1]);
  if (exists !== cfg.mailbox) throw new Error(`INBOX has ${exists} messages, expected ${cfg.mailbox}`);
  const range = `${exists - cfg.fetch + 1}:${exists}`;
  const term = "receipt";

  const t = { restList: [] as number[], imapFetch: [] as number[], restSearch: [] as number[], imapSearch: [] as number[] };
  let hits = { rest: 0, imap: 0 };
  for (let r = 0; r <= cfg.rounds; r++) {
    const [a, list] = await timed(() => user.json(`/api/v1/messages?limit=${cfg.fetch}`));
    const [b, fetched] = await timed(() => imap.run(`FETCH ${range} (UID ENVELOPE)`));
    const [c, found] = await timed(() => user.json(`/api/v1/search?query=subject:${term}&limit=0`));
    const [d, searched] = await timed(() => imap.run(`SEARCH SUBJECT ${term}`));
    if ((list.body.messages as unknown[]).length !== cfg.fetch) throw new Error("the REST list is short");
    if ((fetched.match(/ FETCH \(/g) ?? []).length !== cfg.fetch) throw new Error("FETCH answered too few messages");
    hits = { rest: found.body.messages_count as number, imap: (/\* SEARCH([ \d]*)/.exec(searched)?.[1] ?? "").trim().split(" ").length };
    if (hits.rest !== hits.imap) throw new Error(`REST found ${hits.rest}, IMAP ${hits.imap}`);
    // Round 0 warms both paths up and is not counted.
    if (r === 0) continue;
    t.restList.push(a);
    t.imapFetch.push(b);
    t.restSearch.push(c);
    t.imapSearch.push(d);
    log(`round ${r}: list ${a.toFixed(0)} ms, FETCH ${b.toFixed(0)} ms, REST search ${c.toFixed(0)} ms, SEARCH ${d.toFixed(0)} ms`);
  }
  log("timing IDLE: delivery over SMTP until the idling session hears EXISTS");
  const watcher = await openImap(imapPort, user.email, user.token);
  stops.push(async () => watcher.close());
  await watcher.run("SELECT INBOX");
  const wake: number[] = [];
  for (let i = 0; i < 20; i++) {
    const started = performance.now();
    await watcher.idleUntil(new RegExp(`\\* ${cfg.mailbox + i + 1} EXISTS`), () =>
      transport.sendMail({ from: "app@shop.test", to: user.email, subject: `wake ${i}`, text: "x" }),
    );
    wake.push(performance.now() - started);
  }
  const p50 = (xs: number[]) => summarize(xs).p50;
  const result = {
    at: new Date().toISOString(),
    config: cfg,
    hits: hits.imap,
    ms: {
      restList: summarize(t.restList),
      imapFetchEnvelopes: summarize(t.imapFetch),
      restSearch: summarize(t.restSearch),
      imapSearch: summarize(t.imapSearch),
    },
    fetchToListRatio: ratio(p50(t.imapFetch), p50(t.restList)),
    searchToRestSearchRatio: ratio(p50(t.imapSearch), p50(t.restSearch)),
    searchToListRatio: ratio(p50(t.imapSearch), p50(t.restList)),
    idleWakeMs: summarize(wake),
  };
  fs.mkdirSync(new URL("../bench-results/", import.meta.url), { recursive: true });
  fs.writeFileSync(fileURLToPath(new URL("../bench-results/imap-latest.json", import.meta.url)), JSON.stringify(result, null, 2));
  process.stdout.write(
    [
      `IMAP against REST, one Inbox of ${cfg.mailbox} messages, p50 of ${cfg.rounds} rounds`,
      `  ${cfg.fetch} messages     REST list ${p50(t.restList)} ms   IMAP FETCH (UID ENVELOPE) ${p50(t.imapFetch)} ms   (${result.fetchToListRatio}x)`,
      `  search "${term}"  REST search ${p50(t.restSearch)} ms   IMAP SEARCH SUBJECT ${p50(t.imapSearch)} ms   (${result.searchToRestSearchRatio}x; ${result.searchToListRatio}x the list of ${cfg.fetch}); ${hits.imap} hits`,
      `  IDLE wake           SMTP delivery until EXISTS: p50 ${result.idleWakeMs.p50} ms, max ${result.idleWakeMs.max} ms`,
      "",
    ].join("\n"),
  );
}

main()
  .catch((err: unknown) => {
    process.stderr.write(`bench:imap failed: ${(err as Error).stack ?? String(err)}\n`);
    process.exitCode = 1;
  })
  .finally(async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
  });
