import { sql, type SQL } from "drizzle-orm";
import type { Flag, FolderEntry, MailboxQuery, MailboxRow } from "../mailbox-ports.js";
import { chunks } from "./chunks.js";
import { termSql, VIEWER_TAGS, type Dialect } from "./search-terms.js";

/**
 * The mailbox queries, written once in the SQL SQLite and PostgreSQL share; each store runs them
 * with its own driver. Flags in an index (deleted, tagged) are compared with `=`, never tested as
 * truth values, so SQLite can range-scan the mailbox index on them. A list is one index range scan over the caller's own rows
 * (user_message_state), joined to the messages of the page. Every value is a bound parameter.
 */

const FROM = sql`FROM user_message_state s JOIN messages m ON m.id = s.message_id`;
/** Every column a summary needs; the (large) body text is left out of pages. */
const COLS = sql.raw(
  [
    "id",
    "message_id",
    "from_json",
    "to_json",
    "cc_json",
    "bcc_json",
    "reply_to_json",
    "subject",
    "created",
    "created_ms",
    "username",
    "tags_json",
    "public_tags_json",
    "size",
    "redacted_size",
    "attachments",
    "snippet",
    "inline_count",
    "indexed_at",
  ]
    .map((c) => `m.${c}`)
    .join(", ") +
    ", s.read AS s_read, s.is_sender AS s_is_sender, s.starred AS s_starred, s.answered AS s_answered, s.draft AS s_draft" +
    // The folder a summary names: the first of mine it sits in (Inbox before Sent for mail to myself).
    ", (SELECT f.name FROM folder_messages e2 JOIN folders f ON f.id = e2.folder_id" +
    " WHERE e2.user_id = s.user_id AND e2.message_id = s.message_id ORDER BY f.id LIMIT 1) AS s_folder",
);
/** The caller's flags a summary shows, as the page carries them from user_message_state. */
const PAGE_STATE = "s.read, s.is_sender, s.starred, s.answered, s.draft";
/** A folder's page starts from its entries (folder_messages_page_idx), a plain list from the caller's mailbox rows. */
const IN_FOLDER = sql`FROM folder_messages e JOIN user_message_state s ON s.user_id = e.user_id AND s.message_id = e.message_id`;
/** Counts cast to INTEGER: PostgreSQL's count(*) is a bigint, which its driver returns as a string. */
const COUNT = sql`CAST(count(*) AS INTEGER)`;
const UNREAD = sql`CAST(sum(CASE WHEN s.read THEN 0 ELSE 1 END) AS INTEGER)`;

function whereClause(userId: number, q: MailboxQuery, d: Dialect): SQL {
  // A plain list is everything of mine in a folder other than Drafts and Trash (`listed`).
  const base = q.folderId === undefined ? sql`s.listed = ${d.bool(true)}` : sql`e.folder_id = ${q.folderId}`;
  const parts: SQL[] = [sql`s.user_id = ${userId}`, base];
  if (q.beforeMs !== undefined) parts.push(sql`s.created_ms < ${q.beforeMs}`);
  if (q.sinceMs !== undefined) parts.push(sql`s.created_ms >= ${q.sinceMs}`);
  for (const t of q.terms ?? []) {
    const cond = termSql(t, d);
    parts.push(t.negate ? sql`NOT (${cond})` : cond);
  }
  return sql.join(parts, sql` AND `);
}

/**
 * pageSql selects one page of a mailbox query, newest first unless asked otherwise. The page is
 * chosen first, from the caller's rows in index order, stopping at the limit; only its rows are
 * then joined to their messages and folder. Written as one query, SQLite sorted the whole mailbox
 * (a temporary B-tree, with the folder subquery run for every row) before taking the page.
 */
export function pageSql(userId: number, q: MailboxQuery, d: Dialect): SQL {
  const t = q.folderId === undefined ? "s" : "e";
  const dir = q.order === "asc" ? "ASC" : "DESC";
  const limit = q.limit === 0 ? d.noLimit : sql`${q.limit}`;
  const mine = q.folderId === undefined ? sql`FROM user_message_state s` : IN_FOLDER;
  // Search terms read the message's columns; a plain list needs only the caller's own rows.
  const from = q.terms?.length ? sql`${mine} JOIN messages m ON m.id = s.message_id` : mine;
  const page = sql`SELECT s.user_id, s.message_id, ${sql.raw(t)}.created_ms AS page_ms, ${sql.raw(PAGE_STATE)} ${from}
    WHERE ${whereClause(userId, q, d)} ORDER BY ${sql.raw(`${t}.created_ms ${dir}, ${t}.message_id ${dir}`)} LIMIT ${limit} OFFSET ${q.start}`;
  return sql`SELECT ${COLS} FROM (${page}) s JOIN messages m ON m.id = s.message_id ORDER BY ${sql.raw(`s.page_ms ${dir}, s.message_id ${dir}`)}`;
}

/** matchingSql selects the IDs (`message_id`) in one of the user's folders that a query's terms match. */
export function matchingSql(userId: number, q: MailboxQuery & { folderId: number }, d: Dialect): SQL {
  return sql`SELECT s.message_id ${IN_FOLDER} JOIN messages m ON m.id = s.message_id WHERE ${whereClause(userId, q, d)}`;
}

/** countSql counts a query's matches (`n`) and unread matches (`unread`). */
export function countSql(userId: number, q: MailboxQuery, d: Dialect): SQL {
  // Without search terms the count needs only the user's own mailbox rows, not the messages.
  const mine = q.folderId === undefined ? sql`FROM user_message_state s` : IN_FOLDER;
  const from = q.terms?.length ? sql`${mine} JOIN messages m ON m.id = s.message_id` : mine;
  return sql`SELECT ${COUNT} AS n, ${UNREAD} AS unread ${from} WHERE ${whereClause(userId, q, d)}`;
}

/** totalsSql counts a user's whole mailbox: `n` and `unread`. */
export function totalsSql(userId: number, d: Dialect): SQL {
  return sql`SELECT ${COUNT} AS n, ${UNREAD} AS unread FROM user_message_state s WHERE s.user_id = ${userId} AND s.listed = ${d.bool(true)}`;
}

/** tagsSql lists the distinct tags (`tag`) a user sees on their messages, sorted. */
export function tagsSql(userId: number, d: Dialect): SQL {
  return sql`SELECT tag FROM (SELECT DISTINCT j.value AS tag ${FROM} CROSS JOIN ${d.jsonStrings(VIEWER_TAGS)}
             WHERE s.user_id = ${userId} AND s.tagged = ${d.TRUE} AND s.deleted = ${d.bool(false)}) t ORDER BY lower(tag)`;
}

/** anyTaggedSql selects a row when the user sees tags on any message of theirs (most see none). */
export function anyTaggedSql(userId: number, d: Dialect): SQL {
  return sql`SELECT 1 AS any FROM user_message_state s WHERE s.user_id = ${userId} AND s.tagged = ${d.TRUE} AND s.deleted = ${d.bool(false)} LIMIT 1`;
}

/** findOwnedSql selects one message when this user owns it and has not deleted it. */
export function findOwnedSql(userId: number, messageId: string, d: Dialect): SQL {
  return sql`SELECT ${COLS} ${FROM} WHERE s.user_id = ${userId} AND s.message_id = ${messageId} AND s.deleted = ${d.bool(false)}`;
}

/** idFilters is the `message_id IN (…)` condition in chunks under the bind limit, or none for "all". */
export function idFilters(ids: string[] | "all"): SQL[] {
  if (ids === "all") return [sql`1 = 1`];
  return chunks(ids).map(
    (part) =>
      sql`message_id IN (${sql.join(
        part.map((i) => sql`${i}`),
        sql`, `,
      )})`,
  );
}

/** setFlagSql sets one flag on the user's messages that one filter selects, returning the `message_id`s that changed. */
export function setFlagSql(userId: number, filter: SQL, flag: Flag, value: boolean, d: Dialect): SQL {
  const col = sql.raw(flag);
  return sql`UPDATE user_message_state SET ${col} = ${d.bool(value)}
             WHERE user_id = ${userId} AND deleted = ${d.bool(false)} AND ${col} <> ${d.bool(value)} AND ${filter} RETURNING message_id`;
}

/** markDeletedSql removes the user's messages that one filter selects, returning their `message_id`. */
export function markDeletedSql(userId: number, filter: SQL, d: Dialect): SQL {
  return sql`UPDATE user_message_state SET deleted = ${d.bool(true)}, listed = ${d.bool(false)}
             WHERE user_id = ${userId} AND deleted = ${d.bool(false)} AND ${filter} RETURNING message_id`;
}

/** liveOwnersSql counts the owners (`live`) who still keep a message. */
export function liveOwnersSql(messageId: string, d: Dialect): SQL {
  return sql`SELECT ${COUNT} AS live FROM user_message_state WHERE message_id = ${messageId} AND deleted = ${d.bool(false)}`;
}

/** toMailboxRow maps a raw snake_case row (0/1 or boolean flags) to a MailboxRow. */
export function toMailboxRow(r: Record<string, unknown>): MailboxRow {
  return {
    id: r.id as string,
    messageId: r.message_id as string,
    fromJson: r.from_json as string,
    toJson: r.to_json as string,
    ccJson: r.cc_json as string,
    bccJson: r.bcc_json as string,
    replyToJson: r.reply_to_json as string,
    subject: r.subject as string,
    created: r.created as string,
    createdMs: Number(r.created_ms),
    username: r.username as string,
    tagsJson: r.tags_json as string,
    publicTagsJson: r.public_tags_json as string,
    size: Number(r.size),
    redactedSize: Number(r.redacted_size),
    attachments: Number(r.attachments),
    snippet: r.snippet as string,
    inlineCount: Number(r.inline_count),
    indexedAt: Number(r.indexed_at),
    read: Boolean(r.s_read),
    isSender: Boolean(r.s_is_sender),
    starred: Boolean(r.s_starred),
    answered: Boolean(r.s_answered),
    draft: Boolean(r.s_draft),
    folder: (r.s_folder as string | null) ?? null,
  };
}

/** entriesSql lists the messages in one of a user's folders by UID, with the user's flags and the size they read. */
export function entriesSql(userId: number, folderId: number): SQL {
  return sql`SELECT e.uid, e.message_id, s.read, s.starred, s.answered, s.draft, e.deleted,
                    CASE WHEN s.is_sender THEN m.size ELSE m.redacted_size END AS size, m.line_end_pad, m.created_ms
             FROM folder_messages e JOIN user_message_state s ON s.user_id = e.user_id AND s.message_id = e.message_id
             JOIN messages m ON m.id = e.message_id
             WHERE e.folder_id = ${folderId} AND e.user_id = ${userId} ORDER BY e.uid`;
}

/** toEntry maps a raw entry row (0/1 or boolean flags, bigints as strings). */
export function toEntry(r: Record<string, unknown>): FolderEntry {
  return {
    uid: Number(r.uid),
    id: r.message_id as string,
    seen: Boolean(r.read),
    flagged: Boolean(r.starred),
    answered: Boolean(r.answered),
    draft: Boolean(r.draft),
    deleted: Boolean(r.deleted),
    size: Number(r.size),
    lineEndPad: Number(r.line_end_pad),
    createdMs: Number(r.created_ms),
  };
}
