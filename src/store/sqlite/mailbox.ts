import { sql, type SQL } from "drizzle-orm";
import type { Db } from "./client.js";
import { chunks } from "./chunks.js";
import { termSql, VIEWER_TAGS } from "./search-sql.js";
import type { MailboxPage, MailboxQuery, MailboxRow } from "../ports.js";

// Raw SQL keeps the one hot query readable; every value goes through a bound parameter.
const FROM = sql`FROM user_message_state s JOIN messages m ON m.id = s.message_id`;
/** Every column a summary needs; the (large) body text is left out of pages. */
const COLS = sql.raw(
  ["id", "message_id", "from_json", "to_json", "cc_json", "bcc_json", "reply_to_json", "subject", "created",
    "created_ms", "username", "tags_json", "public_tags_json", "size", "redacted_size", "attachments", "snippet",
    "inline_count", "indexed_at"]
    .map((c) => `m.${c}`)
    .join(", ") + ", s.read AS s_read, s.is_sender AS s_is_sender",
);

/** listMailbox returns one page of a user's mailbox, newest first, with the match counts. */
export function listMailbox(
  db: Db,
  userId: number,
  q: MailboxQuery,
): MailboxPage {
  const where = whereClause(userId, q);
  // Without search terms the count needs only the user's own mailbox rows, not the messages.
  const countFrom = q.terms?.length ? FROM : sql`FROM user_message_state s`;
  const counts = db.get<{ n: number; unread: number | null }>(
    sql`SELECT count(*) AS n, sum(s.read = 0) AS unread ${countFrom} WHERE ${where}`,
  );
  const limit = q.limit === 0 ? -1 : q.limit;
  const rows = db.all<Record<string, unknown>>(
    sql`SELECT ${COLS} ${FROM} WHERE ${where}
        ORDER BY ${q.order === "asc" ? sql`s.created_ms ASC, s.message_id ASC` : sql`s.created_ms DESC, s.message_id DESC`}
        LIMIT ${limit} OFFSET ${q.start}`,
  );
  return { rows: rows.map(toMailboxRow), matches: counts.n, unreadMatches: counts.unread ?? 0 };
}

/** mailboxTotals counts a user's whole mailbox: total and unread. */
export function mailboxTotals(db: Db, userId: number): { total: number; unread: number } {
  const r = db.get<{ n: number; unread: number | null }>(
    sql`SELECT count(*) AS n, sum(read = 0) AS unread FROM user_message_state
        WHERE user_id = ${userId} AND deleted = 0`,
  );
  return { total: r.n, unread: r.unread ?? 0 };
}

/** mailboxTags lists the distinct tags on a user's messages, sorted. */
export function mailboxTags(db: Db, userId: number): string[] {
  return db
    .all<{ tag: string }>(
      sql`SELECT DISTINCT j.value AS tag ${FROM}, json_each(${VIEWER_TAGS}) j
          WHERE s.user_id = ${userId} AND s.tagged = 1 AND s.deleted = 0 ORDER BY lower(j.value)`,
    )
    .map((r) => r.tag);
}

/** findOwned returns the message when this user owns it (and has not deleted it). */
export function findOwned(db: Db, userId: number, messageId: string): MailboxRow | undefined {
  const row = db.get<Record<string, unknown> | undefined>(
    sql`SELECT ${COLS} ${FROM}
        WHERE s.user_id = ${userId} AND s.message_id = ${messageId} AND s.deleted = 0`,
  );
  return row ? toMailboxRow(row) : undefined;
}

/** idFilters is the `message_id IN (…)` condition in chunks under SQLite's bind limit, or none for "all". */
function idFilters(ids: string[] | "all"): SQL[] {
  if (ids === "all") return [sql`1`];
  return chunks(ids).map((part) => sql`message_id IN (${sql.join(part.map((i) => sql`${i}`), sql`, `)})`);
}

/** setRead sets this user's read flag on the given messages they own; returns how many changed. */
export function setRead(db: Db, userId: number, ids: string[] | "all", read: boolean): number {
  return db.transaction((tx) => {
    let changed = 0;
    for (const only of idFilters(ids)) {
      changed += tx.run(
        sql`UPDATE user_message_state SET read = ${read ? 1 : 0}
            WHERE user_id = ${userId} AND deleted = 0 AND read <> ${read ? 1 : 0} AND ${only}`,
      ).changes;
    }
    return changed;
  });
}

/**
 * markDeleted removes messages from this user's mailbox only and returns the IDs that no owner
 * keeps any more (they can now be deleted from Mailpit).
 */
export function markDeleted(db: Db, userId: number, ids: string[] | "all"): { deleted: string[]; orphans: string[] } {
  if (ids !== "all" && ids.length === 0) return { deleted: [], orphans: [] };
  return db.transaction((tx) => {
    const deleted = idFilters(ids).flatMap((only) =>
      tx
        .all<{ message_id: string }>(
          sql`UPDATE user_message_state SET deleted = 1
              WHERE user_id = ${userId} AND deleted = 0 AND ${only} RETURNING message_id`,
        )
        .map((r) => r.message_id),
    );
    const orphans = deleted.filter(
      (id) =>
        tx.get<{ live: number }>(
          sql`SELECT count(*) AS live FROM user_message_state WHERE message_id = ${id} AND deleted = 0`,
        ).live === 0,
    );
    return { deleted, orphans };
  });
}

function whereClause(userId: number, q: MailboxQuery): SQL {
  const parts: SQL[] = [sql`s.user_id = ${userId}`, sql`s.deleted = 0`];
  if (q.beforeMs !== undefined) parts.push(sql`s.created_ms < ${q.beforeMs}`);
  if (q.sinceMs !== undefined) parts.push(sql`s.created_ms >= ${q.sinceMs}`);
  for (const t of q.terms ?? []) {
    const cond = termSql(t);
    parts.push(t.negate ? sql`NOT (${cond})` : cond);
  }
  return sql.join(parts, sql` AND `);
}

/** toMailboxRow maps a raw snake_case row to the typed row drizzle would return. */
function toMailboxRow(r: Record<string, unknown>): MailboxRow {
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
    createdMs: r.created_ms as number,
    username: r.username as string,
    tagsJson: r.tags_json as string,
    publicTagsJson: r.public_tags_json as string,
    size: r.size as number,
    redactedSize: r.redacted_size as number,
    attachments: r.attachments as number,
    snippet: r.snippet as string,
    inlineCount: r.inline_count as number,
    indexedAt: r.indexed_at as number,
    read: r.s_read === 1,
    isSender: r.s_is_sender === 1,
  };
}
