import { sql, type SQL } from "drizzle-orm";
import type { Dialect } from "./search-terms.js";

/** ContactRow is one person a user exchanged mail with. */
export interface ContactRow {
  address: string;
  name: string;
  lastMs: number;
  count: number;
}

const escapeLike = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * contactsSql lists the people in a user's own mail (drafts and deleted mail left out): the From,
 * To and Cc of every message, and its Bcc only where the user sent it, never the user's own
 * addresses; each with the latest name, when they last appeared, and in how many messages.
 */
export function contactsSql(userId: number, query: string, limit: number, d: Dialect): SQL {
  const field = (json: SQL, key: string) => d.jsonField(json, key);
  const people = sql`
    SELECT lower(${field(sql`m.from_json`, "Address")}) AS address, ${field(sql`m.from_json`, "Name")} AS name, s.created_ms, s.message_id
      FROM user_message_state s JOIN messages m ON m.id = s.message_id
      WHERE s.user_id = ${userId} AND s.deleted = ${d.bool(false)} AND s.draft = ${d.bool(false)}
    UNION ALL
    SELECT lower(${field(sql`j.value`, "Address")}), ${field(sql`j.value`, "Name")}, s.created_ms, s.message_id
      FROM user_message_state s JOIN messages m ON m.id = s.message_id
      CROSS JOIN ${d.jsonObjects(sql`(CASE WHEN s.is_sender THEN m.bcc_json ELSE '[]' END)`)}
      WHERE s.user_id = ${userId} AND s.deleted = ${d.bool(false)} AND s.draft = ${d.bool(false)}
    UNION ALL
    SELECT lower(${field(sql`j.value`, "Address")}), ${field(sql`j.value`, "Name")}, s.created_ms, s.message_id
      FROM user_message_state s JOIN messages m ON m.id = s.message_id CROSS JOIN ${d.jsonObjects(sql`m.to_json`)}
      WHERE s.user_id = ${userId} AND s.deleted = ${d.bool(false)} AND s.draft = ${d.bool(false)}
    UNION ALL
    SELECT lower(${field(sql`j.value`, "Address")}), ${field(sql`j.value`, "Name")}, s.created_ms, s.message_id
      FROM user_message_state s JOIN messages m ON m.id = s.message_id CROSS JOIN ${d.jsonObjects(sql`m.cc_json`)}
      WHERE s.user_id = ${userId} AND s.deleted = ${d.bool(false)} AND s.draft = ${d.bool(false)}`;
  const like = escapeLike(query.toLowerCase());
  return sql`SELECT p.address, max(p.name) AS name, max(p.created_ms) AS last_ms, CAST(count(DISTINCT p.message_id) AS INTEGER) AS n
    FROM (${people}) p
    WHERE p.address IS NOT NULL AND p.address <> ''
      AND p.address NOT IN (SELECT address FROM user_addresses WHERE user_id = ${userId})
      AND (p.address LIKE ${like} ESCAPE '\\' OR lower(coalesce(p.name, '')) LIKE ${like} ESCAPE '\\')
    GROUP BY p.address ORDER BY n DESC, last_ms DESC, p.address LIMIT ${limit}`;
}

export const toContact = (r: Record<string, unknown>): ContactRow => ({
  address: r.address as string,
  name: (r.name as string | null) ?? "",
  lastMs: Number(r.last_ms),
  count: Number(r.n),
});
