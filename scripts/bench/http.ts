import { performance } from "node:perf_hooks";
import { Pool } from "undici";

/** Target is one HTTP server the bench times, reached over its own keep-alive connection. */
export interface Target {
  name: string;
  pool: Pool;
  headers: Record<string, string>;
}

export function target(name: string, baseUrl: string, headers: Record<string, string> = {}): Target {
  const pool = new Pool(new URL(baseUrl).origin, {
    connections: 1,
    pipelining: 1,
    connectTimeout: 5000,
    headersTimeout: 30_000,
    bodyTimeout: 30_000,
  });
  return { name, pool, headers };
}

/** getJson GETs a path and parses the JSON body, failing on a non-200 answer. */
export async function getJson<T = any>(t: Target, path: string, headers: Record<string, string> = {}): Promise<T> {
  const res = await t.pool.request({ method: "GET", path, headers: { accept: "application/json", ...t.headers, ...headers } });
  const text = await res.body.text();
  if (res.statusCode !== 200) throw new Error(`${t.name} GET ${path}: ${res.statusCode} ${text.slice(0, 200)}`);
  return JSON.parse(text) as T;
}

/** timedGet measures one GET from sending the request until the whole body has arrived. */
export async function timedGet(t: Target, path: string): Promise<{ ms: number; status: number; body: string }> {
  const t0 = performance.now();
  const res = await t.pool.request({ method: "GET", path, headers: { accept: "application/json", ...t.headers } });
  const body = await res.body.text();
  return { ms: performance.now() - t0, status: res.statusCode, body };
}

export interface ListRun {
  samples: Record<string, number[]>;
  bytes: Record<string, number>;
  total: Record<string, number>;
}

/**
 * measureLists times `path` on each target `n` times, sequentially and interleaved (the order
 * alternates every round so neither side always goes first), after `warmup` untimed rounds. Every
 * answer is checked: status 200 and a full page (`min(limit, messages_count)` summaries).
 */
export async function measureLists(targets: Target[], path: string, n: number, warmup: number): Promise<ListRun> {
  const samples: Record<string, number[]> = Object.fromEntries(targets.map((t) => [t.name, []]));
  const bytes: Record<string, number> = {};
  const total: Record<string, number> = {};
  const limit = Number(new URL(path, "http://x").searchParams.get("limit") ?? "50");
  for (let round = 0; round < warmup + n; round++) {
    const order = round % 2 === 0 ? targets : [...targets].reverse();
    for (const t of order) {
      const r = await timedGet(t, path);
      if (r.status !== 200) throw new Error(`${t.name} GET ${path}: ${r.status} ${r.body.slice(0, 200)}`);
      const page = JSON.parse(r.body) as { messages: unknown[]; messages_count: number; total: number };
      const want = limit === 0 ? page.messages_count : Math.min(limit, page.messages_count);
      if (page.messages.length !== want) {
        throw new Error(`${t.name} GET ${path}: ${page.messages.length} summaries, expected ${want}`);
      }
      if (round >= warmup) samples[t.name]!.push(r.ms);
      bytes[t.name] = r.body.length;
      total[t.name] = page.total;
    }
  }
  return { samples, bytes, total };
}
