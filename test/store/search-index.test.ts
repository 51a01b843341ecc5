import Database from "better-sqlite3";
import { sql } from "drizzle-orm";
import { PgDialect } from "drizzle-orm/pg-core";
import { SQLiteSyncDialect } from "drizzle-orm/sqlite-core";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseSearchQuery, type SearchTerm } from "../../src/lib/search-query.js";
import { openStore, type MessageRow, type Store } from "../../src/store/index.js";
import { pageSql } from "../../src/store/sql/mailbox-sql.js";
import { termSql } from "../../src/store/sql/search-terms.js";
import { POSTGRES } from "../../src/store/postgres/mailbox.js";
import { SQLITE } from "../../src/store/sqlite/mailbox.js";
import { testDb } from "../support/test-store.js";
import { indexRow } from "../support/index-rows.js";

/**
 * The trigram index behind text search (#13), on the store the suites run on: it follows every
 * write of a message, and the planner really starts from it.
 */
let store: Store;
let db: { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };
let userId: number;
const email = "reader@example.test";

beforeAll(async () => {
  db = await testDb("search");
  store = await openStore({ db });
  userId = (await store.users.insert({ email, name: "", passwordHash: null, isAdmin: false }))!.id;
});
afterAll(async () => store?.close());

function row(id: string, body: string, subject = ""): MessageRow {
  return { ...indexRow(id, [email]), subject, subjectText: subject.toLowerCase(), bodyText: body.toLowerCase() };
}
const put = (r: MessageRow) => store.index.upsert(r, [{ address: email, role: "to" }]);
async function find(q: string | SearchTerm[]): Promise<string[]> {
  const terms = typeof q === "string" ? parseSearchQuery(q) : q;
  return (await store.mailbox.list(userId, { terms, start: 0, limit: 0 })).rows.map((r) => r.id).sort();
}
const text = (value: string, negate = false): SearchTerm => ({ kind: "text", field: "any", value, negate });

describe("the trigram search index", () => {
  it("follows an insert, a re-index of the same message, and a delete", async () => {
    await put(row("sync-1", "The quick brown fox"));
    await put(row("sync-2", "A lazy dog sleeps", "Dog days"));
    expect(await find("quick")).toEqual(["sync-1"]);
    expect(await find('"brown fox"')).toEqual(["sync-1"]);
    expect(await find("subject:dog")).toEqual(["sync-2"]);
    // Re-indexed with new text: it matches the new words, never the old ones.
    await put(row("sync-1", "A slow green turtle"));
    expect(await find("quick")).toEqual([]);
    expect(await find("turtle")).toEqual(["sync-1"]);
    await store.index.remove(["sync-2"]);
    expect(await find("lazy")).toEqual([]);
    expect(await find("-turtle")).not.toContain("sync-2");
  });

  it("takes FTS5's operators and quotes as plain text, as LIKE does", async () => {
    await put(row("ops-1", 'He said "hi" (twice): a*b - c^d NEAR/2 OR x'));
    await put(row("ops-2", "he said hi twice ab c d near or x"));
    for (const v of ['"hi"', 'said "', "(twice)", "a*b", "- c^d", "): a", "near/2 or", "or x"]) {
      expect([v, await find([text(v)])]).toEqual([v, v === "or x" ? ["ops-1", "ops-2"] : ["ops-1"]]);
    }
    // A negated term is NOT of the whole term: the index narrows, the LIKE decides.
    expect(await find([text("a*b", true), text("said")])).toEqual(["ops-2"]);
    // Shorter than a trigram: no index, the LIKE alone.
    expect(await find([text('"h')])).toEqual(["ops-1"]);
    expect(await find([text("*")])).toEqual(["ops-1"]);
  });

  it("is what the planner starts from", async () => {
    const terms = parseSearchQuery("turtle");
    if (db.kind === "sqlite") {
      const q = new SQLiteSyncDialect().sqlToQuery(pageSql(userId, { terms, start: 0, limit: 50 }, SQLITE));
      const raw = new Database(db.path, { readonly: true });
      const plan = (raw.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(...q.params) as { detail: string }[]).map((r) => r.detail);
      raw.close();
      expect(plan).toContain("SCAN messages_fts VIRTUAL TABLE INDEX 0:M8");
      return;
    }
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const names = await client.query("SELECT indexname FROM pg_indexes WHERE indexdef LIKE '%gin_trgm_ops%' ORDER BY indexname");
      expect(names.rows.map((r: { indexname: string }) => r.indexname)).toEqual(
        ["bcc", "body", "cc", "from", "message_id", "reply_to", "subject", "to"].map((c) => `messages_${c}_trgm_idx`),
      );
      // Too few rows here for the planner to prefer them on cost; with scans off it must still be able to.
      await client.query("SET enable_seqscan = off; SET enable_indexscan = off");
      const q = new PgDialect().sqlToQuery(
        sql`SELECT m.id FROM user_message_state s JOIN messages m ON m.id = s.message_id WHERE ${termSql(terms[0]!, POSTGRES)}`,
      );
      const plan = (await client.query(`EXPLAIN ${q.sql}`, q.params)).rows.map((r: { "QUERY PLAN": string }) => r["QUERY PLAN"]).join("\n");
      expect(plan).toContain("BitmapOr");
      expect(plan).toContain("Bitmap Index Scan on messages_body_trgm_idx");
    } finally {
      await client.end();
    }
  });
});
