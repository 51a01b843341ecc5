import { sql, type SQL } from "drizzle-orm";
import type { SearchTerm, TextField } from "../../lib/search-query.js";
import { folderKey } from "../../domain/folders.js";

/**
 * SQL for search terms over one user's mailbox rows (`s`, user_message_state) joined to the
 * messages (`m`), in the SQL that SQLite and PostgreSQL share (booleans tested as truth values).
 * Text terms are case-insensitive substrings of the lower-cased text columns: a term of TRIGRAM or
 * more characters first takes its candidates from the dialect's trigram index, then the exact
 * LIKE confirms them, so results are the same with and without the index.
 */

/** The trigram indexes hold nothing for a term shorter than this: such terms are scanned with LIKE. */
export const TRIGRAM = 3;

/** Dialect is what the two stores write differently. */
export interface Dialect {
  /** A bound boolean: SQLite stores 0/1, PostgreSQL true/false. */
  bool(v: boolean): SQL;
  /** `true` written into the statement: a partial index's condition must be seen, not bound. */
  TRUE: SQL;
  /** The elements of a JSON array of strings, as a table `j` with a column `value`. */
  jsonStrings(json: SQL): SQL;
  /** The LIMIT value that means "no limit". */
  noLimit: SQL;
  /** The elements of a JSON array of objects, as a table `j` with a column `value`. */
  jsonObjects(json: SQL): SQL;
  /** One string field of a JSON object. */
  jsonField(json: SQL, key: string): SQL;
  /**
   * A condition on the message `m`, answered from a trigram index, that holds for every message
   * with `value` (of TRIGRAM or more characters) in any of its searchable text columns, and for
   * as few others as the index can tell apart. Absent: the LIKEs alone, which PostgreSQL answers
   * from its per-column trigram indexes.
   */
  textIndex?: ((value: string) => SQL) | undefined;
}

function like(column: SQL, value: string): SQL {
  return sql`${column} LIKE ${`%${value.replace(/[\\%_]/g, (c) => `\\${c}`)}%`} ESCAPE '\\'`;
}

/** The tags and size this viewer sees: Bcc-only tags and the Bcc header exist for the sender alone. */
export const VIEWER_TAGS = sql`(CASE WHEN s.is_sender THEN m.tags_json ELSE m.public_tags_json END)`;
const VIEWER_SIZE = sql`(CASE WHEN s.is_sender THEN m.size ELSE m.redacted_size END)`;

/** Bcc text matches only for the sender: for everyone else the Bcc list does not exist. */
const BCC = (v: string) => sql`(s.is_sender AND ${like(sql`m.bcc_text`, v)})`;

/** textSql is the exact condition of a text term: a substring of the field's lower-cased text. */
function textSql(field: TextField, v: string): SQL {
  switch (field) {
    case "from":
      return like(sql`m.from_text`, v);
    case "to":
      return like(sql`m.to_text`, v);
    case "cc":
      return like(sql`m.cc_text`, v);
    case "bcc":
      return BCC(v);
    case "reply-to":
      return like(sql`m.reply_to_text`, v);
    case "subject":
      return like(sql`m.subject_text`, v);
    case "message-id":
      return like(sql`lower(m.message_id)`, v);
    case "body":
      return like(sql`m.body_text`, v);
    case "addressed":
      return sql`(${like(sql`m.from_text`, v)} OR ${like(sql`m.to_text`, v)} OR ${like(sql`m.cc_text`, v)} OR ${like(sql`m.reply_to_text`, v)} OR ${BCC(v)})`;
    case "any":
      return sql`(${like(sql`m.subject_text`, v)} OR ${like(sql`m.from_text`, v)} OR ${like(sql`m.to_text`, v)} OR ${like(sql`m.cc_text`, v)} OR ${like(sql`m.reply_to_text`, v)} OR ${like(sql`m.body_text`, v)} OR ${BCC(v)})`;
  }
}

/** termSql is the condition of one search term, as the viewer (`s`) sees the message. */
export function termSql(t: SearchTerm, d: Dialect): SQL {
  switch (t.kind) {
    case "text": {
      const cond = textSql(t.field, t.value);
      if (!d.textIndex || Array.from(t.value).length < TRIGRAM) return cond;
      return sql`(${d.textIndex(t.value)} AND ${cond})`;
    }
    case "is":
      if (t.value === "unread") return sql`NOT s.read`;
      return sql`s.${sql.raw(t.value)}`;
    case "in":
      return sql`EXISTS (SELECT 1 FROM folder_messages e3 JOIN folders f3 ON f3.id = e3.folder_id
                 WHERE e3.user_id = s.user_id AND e3.message_id = s.message_id AND f3.name_key = ${folderKey(t.folder)})`;
    case "has":
      return t.value === "attachment" ? sql`m.attachments > 0` : sql`m.inline_count > 0`;
    case "tag":
      return sql`EXISTS (SELECT 1 FROM ${d.jsonStrings(VIEWER_TAGS)} WHERE lower(j.value) = ${t.value})`;
    case "date":
      return t.op === "before" ? sql`s.created_ms < ${t.ms}` : sql`s.created_ms >= ${t.ms}`;
    case "size":
      return t.op === "larger" ? sql`${VIEWER_SIZE} > ${t.bytes}` : sql`${VIEWER_SIZE} < ${t.bytes}`;
  }
  throw new Error("unreachable search term");
}
