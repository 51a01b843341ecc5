import { sql, type SQL } from "drizzle-orm";
import { domainOf } from "../../domain/address-owner.js";

/** BackfillKey is what a user just registered: an address, or a catch-all domain. */
export type BackfillKey = { address: string } | { domain: string };

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * backfillCandidatesSql selects the indexed messages (`id`, `created_ms`, `tags_json`,
 * `public_tags_json`) that name what was registered: the address itself, its plus-addresses when
 * plus-addressing is on, or any address at a catch-all domain. Ownership is then decided per message
 * by the one rule (domain/address-owner.ts), so an exact registration elsewhere still wins.
 */
export function backfillCandidatesSql(key: BackfillKey, plusAddressing: boolean): SQL {
  let match: SQL;
  if ("domain" in key) {
    match = sql`ma.address LIKE ${`%@${escapeLike(key.domain)}`} ESCAPE '\\'`;
  } else {
    const at = key.address.lastIndexOf("@");
    const plus = `${escapeLike(key.address.slice(0, at))}+%@${escapeLike(domainOf(key.address))}`;
    match = plusAddressing ? sql`(ma.address = ${key.address} OR ma.address LIKE ${plus} ESCAPE '\\')` : sql`ma.address = ${key.address}`;
  }
  return sql`SELECT DISTINCT m.id, m.created_ms, m.tags_json, m.public_tags_json
             FROM message_addresses ma JOIN messages m ON m.id = ma.message_id WHERE ${match}`;
}
