import { getTableColumns } from "drizzle-orm";
import type pg from "pg";
import type { Granted, IndexedAddress, MessageRow } from "../ports.js";
import { grantMany } from "./grant.js";
import { messages } from "./schema.js";
import { inTransaction, type Query } from "./tx.js";
import { isConnectionError } from "./unavailable.js";
import { oneAtATime } from "../../lib/one-at-a-time.js";

/** Upsert is one message to index: its row, the addresses it names, and whether it is a draft. */
export interface Upsert {
  row: MessageRow;
  addresses: IndexedAddress[];
  draft: boolean;
}

/** At most this many messages share one transaction (their rows travel as one array per column). */
const MAX_BATCH = 100;

const columns = Object.entries(getTableColumns(messages)).map(([key, c]) => ({
  key: key as keyof MessageRow,
  name: c.name,
  type: c.getSQLType(),
}));
const UPSERT = `INSERT INTO messages (${columns.map((c) => c.name).join(", ")})
  SELECT * FROM unnest(${columns.map((c, i) => `$${i + 1}::${c.type}[]`).join(", ")})
  ON CONFLICT (id) DO UPDATE SET ${columns
    .filter((c) => c.name !== "id")
    .map((c) => `${c.name} = excluded.${c.name}`)
    .join(", ")}`;
const DROP_ADDRESSES = `DELETE FROM message_addresses WHERE message_id = ANY($1::text[])`;
const ADD_ADDRESSES = `INSERT INTO message_addresses (message_id, address, role)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[]) ON CONFLICT DO NOTHING`;

/**
 * writeMessages upserts messages with their addresses and owners, in a fixed number of statements
 * whatever their number; each message's rows are written in ID order, as every writer takes them.
 * The IDs must be distinct.
 */
export async function writeMessages(q: Query, batch: readonly Upsert[], plusAddressing: boolean): Promise<Granted[]> {
  const sorted = [...batch].sort((a, b) => (a.row.id < b.row.id ? -1 : a.row.id > b.row.id ? 1 : 0));
  const ids = sorted.map((u) => u.row.id);
  await q(
    UPSERT,
    columns.map((c) => sorted.map((u) => u.row[c.key])),
  );
  await q(DROP_ADDRESSES, [ids]);
  const named = sorted.flatMap((u) => u.addresses.map((a) => ({ id: u.row.id, ...a })));
  if (named.length > 0) await q(ADD_ADDRESSES, [named.map((a) => a.id), named.map((a) => a.address), named.map((a) => a.role)]);
  const granted = await grantMany(
    q,
    sorted.map((u) => ({
      id: u.row.id,
      createdMs: u.row.createdMs,
      tags: { all: u.row.tagsJson, public: u.row.publicTagsJson },
      named: u.addresses,
      draft: u.draft,
    })),
    plusAddressing,
  );
  const byId = new Map(sorted.map((u, i) => [u.row.id, granted[i]!]));
  return batch.map((u) => byId.get(u.row.id)!);
}

/**
 * upsertBatcher is the indexer's group commit on PostgreSQL: the upserts that arrive while one
 * transaction runs share the next one, so a burst costs a few statements per batch instead of
 * nine round trips a message. One batch runs at a time; a batch that fails is retried one message
 * at a time, so a bad message (or a deadlock with another replica) fails alone; a lost database
 * fails them all at once.
 */
export function upsertBatcher(pool: pg.Pool, plusAddressing: boolean): (u: Upsert) => Promise<Granted> {
  type Item = { u: Upsert; resolve: (g: Granted) => void; reject: (e: unknown) => void };
  const write = (items: readonly Item[]) =>
    inTransaction(pool, (q) =>
      writeMessages(
        q,
        items.map((i) => i.u),
        plusAddressing,
      ),
    );
  /** take picks up to MAX_BATCH items with distinct IDs; a repeated ID waits for the next batch. */
  const take = (queued: Item[]) => {
    const seen = new Set<string>();
    const now: Item[] = [];
    const later: Item[] = [];
    for (const item of queued) {
      if (now.length < MAX_BATCH && !seen.has(item.u.row.id)) {
        seen.add(item.u.row.id);
        now.push(item);
      } else later.push(item);
    }
    return { now, later };
  };
  const queue = oneAtATime<Item>(async (batch) => {
    try {
      const out = await write(batch);
      batch.forEach((item, i) => item.resolve(out[i]!));
    } catch (err) {
      // Without a database nothing would pass alone either: every message fails at once.
      if (batch.length === 1 || isConnectionError(err)) for (const item of batch) item.reject(err);
      else for (const item of batch) await write([item]).then(([g]) => item.resolve(g!), item.reject);
    }
  }, take);
  return (u) => new Promise<Granted>((resolve, reject) => queue({ u, resolve, reject }));
}
