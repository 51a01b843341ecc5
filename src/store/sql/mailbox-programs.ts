import { sql } from "drizzle-orm";
import { chunks } from "./chunks.js";
import { inList } from "./folder-programs.js";
import type { Flag } from "../mailbox-ports.js";
import { idFilters, liveOwnersSql, markDeletedSql, setFlagSql } from "./mailbox-sql.js";
import { all, run, type Program } from "./program.js";
import type { Dialect } from "./search-terms.js";

/** The mailbox's writes as programs (program.ts): each runs in one transaction on either store. */

/** setFlag sets one of my flags on messages I own; returns the IDs whose flag changed. */
export function* setFlag(userId: number, ids: string[] | "all", flag: Flag, value: boolean, d: Dialect): Program<string[]> {
  const changed: string[] = [];
  for (const only of idFilters(ids)) {
    for (const r of yield* all<{ message_id: string }>(setFlagSql(userId, only, flag, value, d))) changed.push(r.message_id);
  }
  return changed;
}

/** markDeleted removes messages from my mailbox and my folders; `orphans` no owner keeps any more. */
export function* markDeleted(userId: number, ids: string[] | "all", d: Dialect): Program<{ deleted: string[]; orphans: string[] }> {
  if (ids !== "all" && ids.length === 0) return { deleted: [], orphans: [] };
  const deleted: string[] = [];
  for (const only of idFilters(ids)) {
    for (const r of yield* all<{ message_id: string }>(markDeletedSql(userId, only, d))) deleted.push(r.message_id);
  }
  for (const part of chunks(deleted)) {
    yield* run(sql`DELETE FROM folder_messages WHERE user_id = ${userId} AND message_id IN (${inList(part)})`);
  }
  const orphans: string[] = [];
  for (const id of deleted) {
    const [r] = yield* all<{ live: number }>(liveOwnersSql(id, d));
    if (Number(r?.live ?? 0) === 0) orphans.push(id);
  }
  return { deleted, orphans };
}

/**
 * expunge takes messages out of one of my folders; those left in no folder of mine leave my
 * mailbox as markDeleted does (`onlyMarked`: just those marked \Deleted there). `removed` were in
 * the folder; `deleted` and `orphans` as markDeleted.
 */
export function* expunge(
  userId: number,
  folderId: number,
  ids: string[],
  onlyMarked: boolean,
  d: Dialect,
): Program<{ removed: string[]; deleted: string[]; orphans: string[] }> {
  const removed: string[] = [];
  const marked = onlyMarked ? sql` AND deleted = ${d.bool(true)}` : sql``;
  for (const part of chunks(ids)) {
    const rows = yield* all<{ message_id: string }>(
      sql`DELETE FROM folder_messages WHERE folder_id = ${folderId} AND user_id = ${userId}${marked} AND message_id IN (${inList(part)}) RETURNING message_id`,
    );
    for (const r of rows) removed.push(r.message_id);
  }
  const homeless: string[] = [];
  for (const part of chunks(removed)) {
    const kept = new Set(
      (yield* all<{ message_id: string }>(
        sql`SELECT DISTINCT message_id FROM folder_messages WHERE user_id = ${userId} AND message_id IN (${inList(part)})`,
      )).map((r) => r.message_id),
    );
    homeless.push(...part.filter((id) => !kept.has(id)));
  }
  return { removed, ...(yield* markDeleted(userId, homeless, d)) };
}

/** markInFolder sets or clears IMAP's \Deleted on messages in one of my folders; answers those that changed. */
export function* markInFolder(userId: number, folderId: number, ids: string[], value: boolean, d: Dialect): Program<string[]> {
  const changed: string[] = [];
  for (const part of chunks(ids)) {
    const rows = yield* all<{ message_id: string }>(
      sql`UPDATE folder_messages SET deleted = ${d.bool(value)}
          WHERE folder_id = ${folderId} AND user_id = ${userId} AND deleted <> ${d.bool(value)} AND message_id IN (${inList(part)})
          RETURNING message_id`,
    );
    for (const r of rows) changed.push(r.message_id);
  }
  return changed;
}
