import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/sqlite/client.js";
import { writeBatcher } from "../../src/store/sqlite/write-batch.js";

function freshDb() {
  const db = openDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-batch-")), "t.db"));
  db.$client.exec("CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER NOT NULL)");
  return db;
}

describe("the SQLite write batcher", () => {
  it("commits the writes of one turn together, and a write that throws is rolled back alone", async () => {
    const db = freshDb();
    const insert = db.$client.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
    const batched = writeBatcher(db);
    // A second connection sees only committed rows: while the third write runs, "a" is not committed yet.
    const other = new Database(db.$client.name, { readonly: true });
    let seenByOther: unknown[] = ["not run"];
    const writes = [
      batched(() => insert.run("a", 1).changes),
      batched(() => {
        insert.run("b", 2);
        throw new Error("refused");
      }),
      batched(() => {
        seenByOther = other.prepare("SELECT k FROM t").pluck().all();
        return insert.run("c", 3).changes;
      }),
    ];
    const settled = await Promise.allSettled(writes);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect((settled[1] as PromiseRejectedResult).reason.message).toBe("refused");
    expect(seenByOther).toEqual([]);
    // "b" was inserted inside the throwing write's savepoint, so it is gone with it.
    expect(other.prepare("SELECT k FROM t ORDER BY k").pluck().all()).toEqual(["a", "c"]);
    other.close();
  });

  it("rejects a write whose value breaks a constraint and keeps the ones around it", async () => {
    const db = freshDb();
    const insert = db.$client.prepare("INSERT INTO t (k, v) VALUES (?, ?)");
    const batched = writeBatcher(db);
    const settled = await Promise.allSettled([
      batched(() => insert.run("x", 1)),
      batched(() => insert.run("x", 2)),
      batched(() => insert.run("y", 3)),
    ]);
    expect(settled.map((s) => s.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(db.$client.prepare("SELECT k || v FROM t ORDER BY k").pluck().all()).toEqual(["x1", "y3"]);
    // A later turn starts a new batch.
    await batched(() => insert.run("z", 4));
    expect(db.$client.prepare("SELECT count(*) FROM t").pluck().get()).toBe(3);
  });
});
