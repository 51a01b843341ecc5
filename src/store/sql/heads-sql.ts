import { sql, type SQL } from "drizzle-orm";
import { inList } from "./folder-programs.js";
import type { Dialect } from "./search-terms.js";

/** headsSql selects the kept header sections (`head`, with `is_sender`) of those of `ids` this user owns. */
export function headsSql(userId: number, ids: string[], d: Dialect): SQL {
  return sql`SELECT m.id, m.head, s.is_sender FROM user_message_state s JOIN messages m ON m.id = s.message_id
             WHERE s.user_id = ${userId} AND s.deleted = ${d.bool(false)} AND m.id IN (${inList(ids)})`;
}

/** HeadRow is one message's kept header section as a viewer reads it before redaction. */
export interface HeadRow {
  id: string;
  head: string;
  isSender: boolean;
}

export const toHead = (r: Record<string, unknown>): HeadRow => ({
  id: r.id as string,
  head: r.head as string,
  isSender: Boolean(r.is_sender),
});
