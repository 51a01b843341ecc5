import type { PassConfig, PassResult } from "./pass.js";
import type { Stats } from "./stats.js";

/** BenchResult is one store's pass with the run's settings and machine. */
export interface BenchResult extends PassResult {
  runId: string;
  startedAt: string;
  totalRunMs: number;
  config: PassConfig;
  environment: Record<string, string | number>;
}

const f = (x: number | null, d = 2) => (x !== null && Number.isFinite(x) ? x.toFixed(d) : "n/a");
const ps = (s: Stats) => [f(s.p50), f(s.p99), f(s.max)];

function table(head: string[], rows: (string | number)[][]): string {
  const cells = [head, ...rows.map((r) => r.map(String))];
  const w = head.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
  const line = (r: string[]) => "  " + r.map((c, i) => (i === 0 ? c.padEnd(w[i]!) : c.padStart(w[i]!))).join("   ");
  return [line(head), "  " + w.map((n) => "-".repeat(n)).join("   "), ...cells.slice(1).map(line)].join("\n");
}

/** formatReport renders one store's pass as the tables printed to stdout. */
export function formatReport(r: BenchResult): string {
  const e = r.environment;
  const m = r.memory;
  return [
    `Sandpit bench on ${r.store}  run ${r.runId}  ${r.startedAt}`,
    `  ${m.users} users, sizes ${r.config.sizes.join(" -> ")}, ${r.config.n} requests per point; Mailpit ${e.mailpitVersion}, Node ${e.node}, ${e.cpus}x ${e.cpuModel}`,
    "  Mailpit, Sandpit (compiled, as npm start runs it) and this load generator are three processes.",
    "",
    `Seeding straight into Mailpit's SMTP (${r.config.smtpConnections} connections) while Sandpit indexes`,
    table(
      ["instance size", "seeded", "SMTP msg/s", "indexed msg/s", "behind p50 ms", "p99", "max", "catch-up ms"],
      r.phases.map((p) => [
        p.mailpitTotal,
        p.seeded,
        f(p.smtp.ratePerSec, 0),
        f(p.index.ratePerSec, 0),
        f(p.index.behindMs.p50, 0),
        f(p.index.behindMs.p99, 0),
        f(p.index.behindMs.max, 0),
        f(p.index.catchUpMs, 0),
      ]),
    ),
    "  behind = how long the oldest message the index did not hold yet had been in Mailpit (sampled every 250 ms)",
    "",
    "GET /api/v1/messages?limit=50, sequential, the three interleaved (ms)",
    table(
      ["instance size", "user mailbox", "Sandpit p50", "p99", "Mailpit p50", "p99", "ratio p50", "ratio p99", "fixed p50", "p99", "RSS MB"],
      r.lists.map((l) => [
        l.size,
        l.userMailbox,
        f(l.sandpit.p50),
        f(l.sandpit.p99),
        f(l.mailpit.p50),
        f(l.mailpit.p99),
        f(l.ratio.p50),
        f(l.ratio.p99),
        f(l.fixed.p50),
        f(l.fixed.p99),
        f(l.rssMb.sandpit, 0),
      ]),
    ),
    `  Sandpit: the median bench user; fixed: a mailbox of ${r.lists[0]?.fixedMailbox ?? ""} messages that does not grow; ratio = Sandpit / Mailpit`,
    `  growth ${r.config.sizes[0]} -> ${r.config.sizes[r.config.sizes.length - 1]}: Sandpit p50 ${f(r.growth.sandpitP50)}x (fixed ${f(r.growth.fixedP50)}x), Mailpit ${f(r.growth.mailpitP50)}x`,
    "",
    `At ${m.messages} messages (ms: p50, p99, max)`,
    table(
      ["", "p50", "p99", "max"],
      [
        ["ownership lag: Mailpit SMTP accept -> in the list", ...ps(r.lag.visible)],
        ["REST wait wakes after SMTP accept", ...ps(r.wake.rest)],
        ["MCP wait_for_message wakes", ...ps(r.wake.mcp)],
        [`restart to ready (x${r.restart.ms.n})`, ...ps(r.restart.ms)],
      ],
    ),
    r.reindex
      ? `  cold reindex: an empty Sandpit indexed ${r.reindex.messages} messages in ${f(r.reindex.ms / 1000, 1)} s (${f(r.reindex.ratePerSec, 0)} msg/s)`
      : "  cold reindex: skipped (BENCH_REINDEX=0)",
    `  RSS: Sandpit ${f(m.sandpitRssMb, 1)} MB, Mailpit ${f(m.mailpitRssMb, 1)} MB; Sandpit's store ${f(m.storeMb, 1)} MB`,
    `  run time so far ${f(r.totalRunMs / 1000, 0)} s`,
  ].join("\n");
}
