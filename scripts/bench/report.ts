import fs from "node:fs";
import path from "node:path";
import type { SqlBreakdown } from "./sql.js";
import type { Stats } from "./stats.js";
import type { WakeResult } from "./wake.js";

/** PhaseResult is one seeding burst up to a target size and how fast the index caught up. */
export interface PhaseResult {
  targetTotal: number;
  seeded: number;
  mailpitTotal: number;
  indexedRows: number;
  smtp: { ms: number; ratePerSec: number; retries: number };
  index: {
    messages: number;
    /** Messages indexed per second, from the first SMTP send until the last one was indexed. */
    ratePerSec: number;
    /** From the last SMTP accept (the marker) until the last message of the burst was indexed. */
    catchUpMs: number;
    /** From the last SMTP accept until the bench's checks (counts equal, marker searchable) passed. */
    verifiedMs: number;
  };
}

/** ListResult compares one list request on Sandpit (one user) and on Mailpit (everything). */
export interface ListResult {
  size: number;
  path: string;
  user: string;
  userMailbox: number;
  sandpit: Stats;
  /** fixed@bench.test: a mailbox of BENCH_FIXED messages that does not grow with the instance. */
  fixed: { mailbox: number; stats: Stats };
  mailpit: Stats;
  ratio: { p50: number; p99: number };
  bytes: { sandpit: number; mailpit: number };
  /** The same user's index queries timed in-process (no HTTP). */
  sql: SqlBreakdown;
  sandpitRssMb: number;
}

export interface BenchResult {
  runId: string;
  startedAt: string;
  totalRunMs: number;
  config: Record<string, number | string | boolean>;
  environment: Record<string, string | number>;
  phases: PhaseResult[];
  lists: ListResult[];
  growth: {
    sandpitP50: number;
    mailpitP50: number;
    sandpitP99: number;
    mailpitP99: number;
    fixedP50: number;
    fixedP99: number;
    userMailbox: [number, number];
  };
  lag: {
    size: number;
    user: string;
    n: number;
    indexed: Stats;
    visible: Stats;
    smtpAccept: Stats;
    indexedBeforeAccept: number;
    httpRetries: number;
  };
  /** Wake-up latency of REST `wait` and MCP `wait_for_message`, from SMTP accept. */
  wake: WakeResult;
  /** A second, empty Sandpit indexing the whole filled Mailpit (null with BENCH_REINDEX=0). */
  reindex: { messages: number; ms: number; ratePerSec: number } | null;
  memory: {
    note: string;
    sandpitRssMb: number;
    sandpitHeapUsedMb: number;
    mailpitRssMb: number | null;
    sandpitDbMb: number;
    mailpitDbMb: number;
  };
  notes: string[];
}

const f = (x: number, d = 2) => (Number.isFinite(x) ? x.toFixed(d) : "n/a");
const s = (x: number) => (x / 1000).toFixed(2);

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("   ");
  return [line(head), "  " + w.map((n) => "-".repeat(n)).join("   "), ...cells.slice(1).map(line)].join("\n");
}

/** formatReport renders the human-readable summary printed to stdout. */
export function formatReport(r: BenchResult): string {
  const out: string[] = [];
  const e = r.environment;
  out.push(
    `Sandpit bench  run ${r.runId}  ${r.startedAt}`,
    `  ${r.config.users} users, sizes ${r.config.small} -> ${r.config.large}, N=${r.config.n} per list point, ` +
      `Mailpit ${e.mailpitVersion}, Node ${e.node}, ${e.cpus}x ${e.cpuModel}`,
    `  Sandpit runs in the bench process (its RSS includes the bench client); Mailpit is a child process.`,
    "",
    `Seeding over SMTP (pooled nodemailer, ${r.config.smtpConnections} connections, Nagle ${r.config.smtpNoDelay ? "off" : "on"}) and index catch-up`,
    table(
      ["instance size", "seeded", "SMTP s", "SMTP msg/s", "indexed msg/s", "catch-up ms", "verified ms"],
      r.phases.map((p) => [
        p.mailpitTotal,
        p.seeded + 1,
        s(p.smtp.ms),
        f(p.smtp.ratePerSec, 0),
        f(p.index.ratePerSec, 0),
        f(p.index.catchUpMs, 0),
        f(p.index.verifiedMs, 0),
      ]),
    ),
    "  catch-up = last SMTP accept -> last message of the burst indexed; verified = -> index rows == Mailpit total and marker searchable",
    "",
    `List latency: GET ${r.lists[0]?.path ?? ""}, sequential, Sandpit and Mailpit interleaved (ms)`,
    table(
      ["instance size", "user mailbox", "Sandpit p50", "p99", "Mailpit p50", "p99", "ratio p50", "ratio p99", "fixed-mailbox p50", "p99"],
      r.lists.map((l) => [
        l.size,
        l.userMailbox,
        f(l.sandpit.p50),
        f(l.sandpit.p99),
        f(l.mailpit.p50),
        f(l.mailpit.p99),
        f(l.ratio.p50),
        f(l.ratio.p99),
        f(l.fixed.stats.p50),
        f(l.fixed.stats.p99),
      ]),
    ),
    `  user: ${r.lists[0]?.user ?? ""} (median mailbox size among bench users); ratio = Sandpit / Mailpit`,
    `  fixed-mailbox: fixed@bench.test, whose mailbox stays at ${r.lists[0]?.fixed.mailbox ?? ""} messages while the instance grows`,
    "",
    "Where Sandpit's list time goes: its three index queries for that user, in-process, no HTTP (ms)",
    table(
      ["instance size", "mailboxTotals p50", "listMailbox p50", "mailboxTags p50", "sum p50", "HTTP p50"],
      r.lists.map((l) => [
        l.size,
        f(l.sql.totals.p50, 3),
        f(l.sql.page.p50, 3),
        f(l.sql.tags.p50, 3),
        f(l.sql.totals.p50 + l.sql.page.p50 + l.sql.tags.p50, 3),
        f(l.sandpit.p50),
      ]),
    ),
    "",
    `Growth, ${r.config.small} -> ${r.config.large} messages (p at large / p at small; 1.00 = flat)`,
    table(
      ["", "p50 growth", "p99 growth"],
      [
        ["Sandpit (typical user's list)", f(r.growth.sandpitP50), f(r.growth.sandpitP99)],
        ["Sandpit (fixed-size mailbox)", f(r.growth.fixedP50), f(r.growth.fixedP99)],
        ["Mailpit (whole mailbox)", f(r.growth.mailpitP50), f(r.growth.mailpitP99)],
      ],
    ),
    `  the typical user's own mailbox grew ${r.growth.userMailbox[0]} -> ${r.growth.userMailbox[1]} messages with the instance; the fixed one did not`,
    "",
    `Ownership lag at ${r.lag.size} messages: ${r.lag.n} sequential SMTP deliveries to ${r.lag.user} (ms after SMTP accept)`,
    table(
      ["", "p50", "p99", "max"],
      [
        ["indexed (indexer.onIndexed)", f(r.lag.indexed.p50), f(r.lag.indexed.p99), f(r.lag.indexed.max)],
        ["visible in GET /api/v1/messages", f(r.lag.visible.p50), f(r.lag.visible.p99), f(r.lag.visible.max)],
        ["(SMTP send -> accept, for scale)", f(r.lag.smtpAccept.p50), f(r.lag.smtpAccept.p99), f(r.lag.smtpAccept.max)],
      ],
    ),
    `  indexed before the SMTP reply arrived: ${r.lag.indexedBeforeAccept}/${r.lag.n} (counted as 0 ms); extra list polls needed: ${r.lag.httpRetries}`,
    "",
    `Wait wake-up at ${r.lag.size + r.lag.n} messages: ${r.wake.n} waits each, SMTP accept -> the waiting call returned (ms)`,
    table(
      ["", "p50", "p99", "max"],
      [
        ["REST GET /api/v1/wait", f(r.wake.rest.p50), f(r.wake.rest.p99), f(r.wake.rest.max)],
        ["MCP wait_for_message", f(r.wake.mcp.p50), f(r.wake.mcp.p99), f(r.wake.mcp.max)],
      ],
    ),
    "",
    r.reindex
      ? `Cold reindex: an empty Sandpit indexed all ${r.reindex.messages} messages in ${s(r.reindex.ms)} s (${f(r.reindex.ratePerSec, 0)} msg/s, the indexer's own pace)`
      : "Cold reindex: skipped (BENCH_REINDEX=0)",
    "",
    `Memory and storage after ${r.config.large} messages (before the cold reindex)`,
    `  Sandpit RSS ${f(r.memory.sandpitRssMb, 1)} MB (heap used ${f(r.memory.sandpitHeapUsedMb, 1)} MB), Mailpit RSS ${r.memory.mailpitRssMb === null ? "n/a" : f(r.memory.mailpitRssMb, 1)} MB`,
    `  sandpit.db ${f(r.memory.sandpitDbMb, 1)} MB, mailpit.db ${f(r.memory.mailpitDbMb, 1)} MB`,
    "",
  );
  for (const n of r.notes) out.push(`note: ${n}`);
  out.push(`total run time ${s(r.totalRunMs)} s`);
  return out.join("\n");
}

/** writeResults writes bench-results/bench-<timestamp>.json and bench-results/latest.json. */
export function writeResults(r: BenchResult, dir: string): string {
  fs.mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `bench-${r.startedAt.replace(/[:.]/g, "-")}.json`);
  const json = `${JSON.stringify(r, null, 2)}\n`;
  fs.writeFileSync(file, json);
  fs.writeFileSync(path.join(dir, "latest.json"), json);
  return file;
}
