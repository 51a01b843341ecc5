import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { TestApp } from "../../test/support/app.js";
import type { TestMailpit } from "../../test/support/mailpit.js";
import type { TestPostgres } from "../../test/support/postgres.js";
import type { Replica } from "../../test/support/replica.js";
import { registerUser, type TestUser } from "../../test/support/users.js";
import { fill, type FillResult } from "./fill.js";
import { getJson, measureLists, target } from "./http.js";
import { measureLag, type LagResult } from "./lag.js";
import { EXTERNAL_SENDERS, makeGenerator } from "./mailgen.js";
import { openStore, restartToReady, rssMb, startSandpit, type StoreKind } from "./sandpit.js";
import { coldReindex, type ReindexResult } from "./reindex.js";
import { createPooledTransport } from "./smtp.js";
import { ratio, round, summarize, type Stats } from "./stats.js";
import { measureWake, type WakeResult } from "./wake.js";

export interface PassConfig {
  sizes: number[];
  users: number;
  n: number;
  warmup: number;
  lagN: number;
  wakeN: number;
  fixed: number;
  seed: number;
  smtpConnections: number;
  restarts: number;
  reindex: boolean;
  indexTimeoutMs: number;
}

/** ListPoint compares one list request: Sandpit for a typical user and a fixed-size mailbox, Mailpit for everything. */
export interface ListPoint {
  size: number;
  userMailbox: number;
  fixedMailbox: number;
  sandpit: Stats;
  fixed: Stats;
  mailpit: Stats;
  ratio: { p50: number; p99: number };
  bytes: { sandpit: number; mailpit: number };
  rssMb: { sandpit: number | null; mailpit: number | null };
}

export interface PassResult {
  store: StoreKind;
  phases: FillResult[];
  lists: ListPoint[];
  growth: { sandpitP50: number; fixedP50: number; mailpitP50: number; sandpitP99: number; fixedP99: number; mailpitP99: number };
  lag: LagResult;
  wake: WakeResult;
  restart: { ms: Stats; messages: number };
  reindex: ReindexResult | null;
  memory: { sandpitRssMb: number | null; mailpitRssMb: number | null; storeMb: number; users: number; messages: number };
}

const LIST = "/api/v1/messages?limit=50";

/** runPass runs the whole bench on one store in front of a fresh Mailpit. */
export async function runPass(o: {
  store: StoreKind;
  mp: TestMailpit;
  cluster: TestPostgres | undefined;
  cfg: PassConfig;
  runId: string;
  log: (m: string) => void;
  track: (stop: () => Promise<unknown>) => void;
}): Promise<PassResult> {
  const { cfg, mp, log, runId } = o;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sandpit-bench-${o.store}-`));
  const store = await openStore(o.store, dir, o.cluster, `bench_${runId}_main`);
  o.track(async () => (await store.close(), fs.rmSync(dir, { recursive: true, force: true })));
  const holder: { sp: Replica } = { sp: await startSandpit(mp, store) };
  o.track(() => holder.sp.stop());
  const app = { url: holder.sp.url } as TestApp;
  const emails = Array.from({ length: cfg.users }, (_, i) => `user${i}@bench.test`);
  const users: TestUser[] = [];
  for (let i = 0; i < emails.length; i += 20) users.push(...(await Promise.all(emails.slice(i, i + 20).map((e) => registerUser(app, e)))));
  const fixed = await registerUser(app, "fixed@bench.test");
  log(`${o.store}: Sandpit ${holder.sp.url} (pid ${holder.sp.child.pid}), ${users.length} users + fixed@bench.test`);

  const mpT = target("mailpit", mp.apiUrl);
  const mailpitTotal = async () => (await getJson<{ total: number }>(mpT, "/api/v1/messages?limit=1")).total;
  const transport = createPooledTransport(mp.smtpPort, cfg.smtpConnections, true);
  o.track(async () => transport.close());
  const next = makeGenerator(emails, runId, cfg.seed);
  let made = 0;
  // The first messages fill fixed@bench.test's mailbox, which never grows afterwards.
  const mix = () =>
    ++made <= cfg.fixed
      ? { from: EXTERNAL_SENDERS[made % 3], to: fixed.email, subject: `bench-${runId} fixed ${made}`, text: `fixed ${made}` }
      : next();
  const deps = { transport, mailpitTotal, indexedCount: () => store.count(), log, sampleMs: 250, timeoutMs: cfg.indexTimeoutMs };

  const phases: FillResult[] = [];
  const lists: ListPoint[] = [];
  let typical: TestUser | undefined;
  for (const size of cfg.sizes) {
    const count = size - (await mailpitTotal());
    log(`${o.store}: seeding ${count} messages (instance -> ${size})`);
    const phase = await fill(deps, size, count, mix);
    phases.push(phase);
    log(`  SMTP ${phase.smtp.ratePerSec} msg/s; index behind p99 ${phase.index.behindMs.p99} max ${phase.index.behindMs.max} ms`);
    if (!typical) {
      // The typical user: the median mailbox among bench users, kept for every size.
      const sizes = await Promise.all(users.map(async (u) => ({ u, n: (await u.json("/api/v1/messages?limit=1")).body.total as number })));
      typical = sizes.sort((a, b) => a.n - b.n)[Math.floor(sizes.length / 2)]!.u;
    }
    const spT = target("sandpit", holder.sp.url, { authorization: `Bearer ${typical.token}` });
    const fxT = target("fixed", holder.sp.url, { authorization: `Bearer ${fixed.token}` });
    const run = await measureLists([spT, fxT, mpT], LIST, cfg.n, cfg.warmup);
    const [sp, fx, mps] = [summarize(run.samples.sandpit!), summarize(run.samples.fixed!), summarize(run.samples.mailpit!)];
    await Promise.all([spT.pool.destroy(), fxT.pool.destroy()]);
    lists.push({
      size,
      userMailbox: run.total.sandpit!,
      fixedMailbox: run.total.fixed!,
      sandpit: sp,
      fixed: fx,
      mailpit: mps,
      ratio: { p50: ratio(sp.p50, mps.p50), p99: ratio(sp.p99, mps.p99) },
      bytes: { sandpit: run.bytes.sandpit!, mailpit: run.bytes.mailpit! },
      rssMb: { sandpit: rssMb(holder.sp.child.pid), mailpit: rssMb(mp.pid()) },
    });
    log(`  list p50 Sandpit ${sp.p50} (fixed ${fx.p50}) Mailpit ${mps.p50} ms: ${ratio(sp.p50, mps.p50)}x; p99 ${ratio(sp.p99, mps.p99)}x`);
  }
  const [first, last] = [lists[0]!, lists[lists.length - 1]!];

  log(`${o.store}: ownership lag, ${cfg.lagN} sequential deliveries`);
  const lag = await measureLag(mp.smtpPort, holder.sp.url, typical!, runId, cfg.lagN);
  log(`  visible p50 ${lag.visible.p50} p99 ${lag.visible.p99} ms`);
  const wake = await measureWake(holder.sp.url, mp.smtpPort, typical!, runId, cfg.wakeN);
  const memory = {
    sandpitRssMb: rssMb(holder.sp.child.pid),
    mailpitRssMb: rssMb(mp.pid()),
    storeMb: round((await store.bytes()) / 1024 / 1024, 1),
    users: users.length + 1,
    messages: await mailpitTotal(),
  };

  log(`${o.store}: restart to ready x${cfg.restarts}`);
  const restarts: number[] = [];
  for (let i = 0; i < cfg.restarts; i++) {
    const r = await restartToReady(holder.sp, () => startSandpit(mp, store));
    holder.sp = r.replica;
    restarts.push(r.ms);
  }
  let reindex: ReindexResult | null = null;
  if (cfg.reindex) {
    log(`${o.store}: cold reindex of ${memory.messages} messages`);
    reindex = await coldReindex({
      mp,
      kind: o.store,
      cluster: o.cluster,
      name: `bench_${runId}_reindex`,
      expected: memory.messages,
      timeoutMs: cfg.indexTimeoutMs,
    });
    log(`  ${reindex.ratePerSec} msg/s`);
  }
  return {
    store: o.store,
    phases,
    lists,
    growth: {
      sandpitP50: ratio(last.sandpit.p50, first.sandpit.p50),
      fixedP50: ratio(last.fixed.p50, first.fixed.p50),
      mailpitP50: ratio(last.mailpit.p50, first.mailpit.p50),
      sandpitP99: ratio(last.sandpit.p99, first.sandpit.p99),
      fixedP99: ratio(last.fixed.p99, first.fixed.p99),
      mailpitP99: ratio(last.mailpit.p99, first.mailpit.p99),
    },
    lag,
    wake,
    restart: { ms: summarize(restarts), messages: memory.messages },
    reindex,
    memory,
  };
}
