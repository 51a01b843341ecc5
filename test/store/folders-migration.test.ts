import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { openDb } from "../../src/store/sqlite/client.js";
import { listMailbox } from "../../src/store/sqlite/mailbox.js";
import { MIGRATIONS_DIR, runMigrations } from "../../src/store/sqlite/migrate.js";

/** migrationsUpTo copies the migrations folder with its journal cut after `tag`: a database as an older Sandpit left it. */
function migrationsUpTo(tag: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-migrations-"));
  fs.cpSync(MIGRATIONS_DIR, dir, { recursive: true });
  const journalFile = path.join(dir, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8"));
  journal.entries = journal.entries.slice(0, journal.entries.findIndex((e: { tag: string }) => e.tag === tag) + 1);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

describe("the folders migration", () => {
  it("moves an existing mailbox into Inbox and Sent with UIDs, and keeps deleted mail out", () => {
    const db = openDb(path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-store-")), "sandpit.db"));
    runMigrations(db, migrationsUpTo("0004_smtp_chaos"));
    db.run(sql`INSERT INTO users (id, email, created_at) VALUES (1, 'a@x.test', 0), (2, 'b@x.test', 0)`);
    const msg = (id: string, ms: number) =>
      sql`INSERT INTO messages (id, from_json, created, created_ms, indexed_at) VALUES (${id}, '{}', '1970-01-01T00:00:00Z', ${ms}, 0)`;
    for (const [id, ms] of [
      ["m1", 1],
      ["m2", 2],
      ["m3", 3],
    ] as const)
      db.run(msg(id, ms));
    // a: received m1, sent m2 to herself, deleted m3; b: received m2.
    db.run(
      sql`INSERT INTO message_owners (message_id, user_id, role) VALUES ('m1', 1, 'to'), ('m2', 1, 'from'), ('m2', 1, 'to'), ('m3', 1, 'to'), ('m2', 2, 'to')`,
    );
    db.run(sql`INSERT INTO user_message_state (user_id, message_id, created_ms, is_sender, read, deleted)
               VALUES (1, 'm1', 1, 0, 1, 0), (1, 'm2', 2, 1, 0, 0), (1, 'm3', 3, 0, 0, 1), (2, 'm2', 2, 0, 0, 0)`);

    runMigrations(db);
    const entries = db.all<{ user_id: number; name: string; uid: number; message_id: string }>(
      sql`SELECT e.user_id, f.name, e.uid, e.message_id FROM folder_messages e JOIN folders f ON f.id = e.folder_id ORDER BY e.user_id, f.name, e.uid`,
    );
    expect(entries).toEqual([
      { user_id: 1, name: "Inbox", uid: 1, message_id: "m1" },
      { user_id: 1, name: "Inbox", uid: 2, message_id: "m2" },
      { user_id: 1, name: "Sent", uid: 1, message_id: "m2" },
      { user_id: 2, name: "Inbox", uid: 1, message_id: "m2" },
    ]);
    const next = db.all<{ user_id: number; name: string; uid_next: number }>(
      sql`SELECT user_id, name, uid_next FROM folders WHERE role IN ('inbox', 'sent', 'trash') ORDER BY user_id, name`,
    );
    expect(next.map((f) => `${f.user_id}:${f.name}:${f.uid_next}`)).toEqual([
      "1:Inbox:3",
      "1:Sent:2",
      "1:Trash:1",
      "2:Inbox:2",
      "2:Sent:1",
      "2:Trash:1",
    ]);
    expect(listMailbox(db, 1, { start: 0, limit: 0 }).rows.map((r) => [r.id, r.folder])).toEqual([
      ["m2", "Inbox"],
      ["m1", "Inbox"],
    ]);
    db.$client.close();
  });
});
