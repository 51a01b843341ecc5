import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/sqlite/client.js";
import { markDeleted, setFlag } from "../../src/store/sql/mailbox-programs.js";
import { listMailbox, SQLITE } from "../../src/store/sqlite/mailbox.js";
import { runMigrations } from "../../src/store/sqlite/migrate.js";
import { runProgram } from "../../src/store/sqlite/run-program.js";
import { insertUser } from "../../src/store/sqlite/users.js";

/** A real SQLite store in a temporary folder, migrated as Sandpit migrates it. */
function freshStore() {
  const db = openDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-store-")), "sandpit.db"));
  runMigrations(db);
  return db;
}

describe("bulk operations above SQLite's bound-variable limit (32,766)", () => {
  it("reads, marks and deletes 33,000 of one user's messages by ID", () => {
    const db = freshStore();
    const user = insertUser(db, { email: "bulk@example.test", name: "", passwordHash: null, isAdmin: false })!;
    const ids = Array.from({ length: 33_000 }, (_, i) => `m${String(i).padStart(6, "0")}`);
    // Seeded in two statements (the indexer's one-message path is not what is under test here).
    db.run(sql`INSERT INTO messages (id, from_json, created, created_ms, indexed_at)
               WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${ids.length - 1})
               SELECT printf('m%06d', i), '{"Name":"","Address":"app@x.test"}', '1970-01-01T00:00:00Z', i, 0 FROM n`);
    db.run(sql`INSERT INTO user_message_state (user_id, message_id, created_ms) SELECT ${user.id}, id, created_ms FROM messages`);
    expect(listMailbox(db, user.id, { start: 0, limit: 0 }).matches).toBe(33_000);
    expect(runProgram(db, setFlag(user.id, ids, "read", true, SQLITE)).length).toBe(33_000);
    expect(listMailbox(db, user.id, { start: 0, limit: 1 }).unreadMatches).toBe(0);
    const { deleted, orphans } = runProgram(db, markDeleted(user.id, ids, SQLITE));
    expect(deleted.length).toBe(33_000);
    expect(orphans.length).toBe(33_000);
    expect(listMailbox(db, user.id, { start: 0, limit: 0 }).matches).toBe(0);
    db.$client.close();
  });
});
