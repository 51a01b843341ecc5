import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { RateLimiterRes } from "rate-limiter-flexible";
import { describe, expect, it } from "vitest";
import { deferredLimiter } from "../../src/services/deferred-limiter.js";
import { openDb } from "../../src/store/sqlite/client.js";
import { sqliteLimits } from "../../src/store/sqlite/limits.js";
import { runMigrations } from "../../src/store/sqlite/migrate.js";
import { sqliteRunner } from "../../src/store/sqlite/run-program.js";

/** A real SQLite store's limiter (rate_limits, as the migrations make it), and what it holds for a key. */
function storeLimiter(points: number) {
  const db = openDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-limits-")), "sandpit.db"));
  runMigrations(db);
  const limiter = sqliteLimits(db, sqliteRunner(db)).limiter({ keyPrefix: "limit-api", points, duration: 60 });
  const stored = (key: string) =>
    (db.$client.prepare("SELECT points FROM rate_limits WHERE key = ?").pluck().get(`limit-api:${key}`) as number | undefined) ?? 0;
  return { limiter, stored };
}

const refusal = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (err) {
    return err as RateLimiterRes;
  }
  throw new Error("expected a refusal");
};

describe("the deferred API limiter", () => {
  it("writes nothing to the store while clearly under the limit, and adds the count at its flush", async () => {
    const { limiter, stored } = storeLimiter(100);
    const api = deferredLimiter(limiter, 100, 60_000);
    for (let i = 0; i < 10; i++) await api.consume("tok1");
    expect(stored("tok1")).toBe(0);
    await api.flush();
    expect(stored("tok1")).toBe(10);
  });

  it("refuses exactly the request past the limit, marking the first refusal as the limit plus one", async () => {
    const { limiter, stored } = storeLimiter(3);
    const api = deferredLimiter(limiter, 3, 60_000);
    for (let i = 0; i < 3; i++) await api.consume("tok2");
    const first = await refusal(api.consume("tok2"));
    expect(first.consumedPoints).toBe(4);
    expect(first.msBeforeNext).toBeGreaterThan(0);
    expect(stored("tok2")).toBe(4);
    // Later refusals come from memory (no store write) and are not the first one.
    const again = await refusal(api.consume("tok2"));
    expect(again.consumedPoints).toBeGreaterThan(4);
    expect(stored("tok2")).toBe(4);
    // Another key is untouched.
    await api.consume("tok3");
  });

  it("shares the count with another replica's limiter through the store", async () => {
    const { limiter, stored } = storeLimiter(5);
    const a = deferredLimiter(limiter, 5, 60_000);
    const b = deferredLimiter(limiter, 5, 60_000);
    for (let i = 0; i < 3; i++) await a.consume("tok");
    await a.flush();
    await b.consume("tok");
    await b.consume("tok");
    await b.flush();
    expect(stored("tok")).toBe(5);
    // a learnt 3 at its flush: its next two requests pass in memory; the store then refuses the batch.
    await a.consume("tok");
    await a.consume("tok");
    const res = await refusal(a.consume("tok"));
    expect(res.consumedPoints).toBeGreaterThan(5);
    expect(stored("tok")).toBe(8);
  });
});
