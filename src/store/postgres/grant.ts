import { lookupKeys, ownerOf, type AddressBook } from "../../domain/address-owner.js";
import { placementOf } from "../../domain/folders.js";
import { rolesByUser, viewOf, type Role } from "../../domain/visibility.js";
import type { Granted } from "../ports.js";
import type { Query } from "./tx.js";

/** Grantee is one message to give to the users its addresses belong to. */
export interface Grantee {
  id: string;
  createdMs: number;
  tags: { all: string; public: string };
  named: readonly { address: string; role: Role }[];
  draft: boolean;
}

const OWNERS = `SELECT 'a' AS kind, address AS key, user_id FROM user_addresses WHERE address = ANY($1::text[])
  UNION ALL SELECT 'd', domain, user_id FROM user_domains WHERE domain = ANY($2::text[])`;

// The state upsert reports whether it inserted (`xmax = 0`): when two replicas index one message
// at once, exactly one of them learns that it is new to a user, places it, and announces it.
const STATES = `INSERT INTO user_message_state (user_id, message_id, created_ms, is_sender, tagged, draft, listed)
  SELECT * FROM unnest($1::int[], $2::text[], $3::bigint[], $4::bool[], $5::bool[], $6::bool[], $7::bool[])
  ON CONFLICT (user_id, message_id) DO UPDATE
  SET is_sender = excluded.is_sender, created_ms = excluded.created_ms, tagged = excluded.tagged
  RETURNING user_id, message_id, (xmax = 0) AS inserted`;

// Takes as many UIDs as it files from each folder's counter and files the messages under them
// (`ord` numbers a folder's new messages from 0), in one statement for the whole batch.
const PLACE = `WITH p(user_id, role, message_id, created_ms, ord) AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::bigint[], $5::int[])),
  n AS (SELECT user_id, role, count(*) AS k FROM p GROUP BY user_id, role),
  f AS (UPDATE folders SET uid_next = folders.uid_next + n.k FROM n
    WHERE folders.user_id = n.user_id AND folders.role = n.role
    RETURNING folders.id, folders.user_id, folders.role, folders.uid_next - n.k AS first)
  INSERT INTO folder_messages (folder_id, uid, user_id, message_id, created_ms)
  SELECT f.id, f.first + p.ord, p.user_id, p.message_id, p.created_ms FROM p JOIN f ON f.user_id = p.user_id AND f.role = p.role
  ON CONFLICT DO NOTHING`;

/** addressBook looks up, in one statement, who registered the addresses and domains `messages` name. */
async function addressBook(q: Query, messages: readonly Grantee[], plusAddressing: boolean): Promise<AddressBook> {
  const keys = lookupKeys([...new Set(messages.flatMap((m) => m.named.map((a) => a.address)))], plusAddressing);
  const exact = new Map<string, number>();
  const domains = new Map<string, number>();
  if (keys.addresses.length > 0) {
    for (const r of await q<{ kind: string; key: string; user_id: number }>(OWNERS, [keys.addresses, keys.domains])) {
      (r.kind === "a" ? exact : domains).set(r.key, Number(r.user_id));
    }
  }
  return { exact, domains };
}

/**
 * grantMany gives each message to the registered users its addresses belong to (the rule:
 * domain/address-owner.ts), with a mailbox row each; a user a message is new to finds it in Inbox,
 * Sent or Drafts. Three statements whatever the number of messages and owners; replays keep each
 * user's state and folders. Returns each message's owners, and whom of them it is new to.
 */
export async function grantMany(q: Query, messages: readonly Grantee[], plusAddressing: boolean): Promise<Granted[]> {
  const book = await addressBook(q, messages, plusAddressing);
  const owned = messages.map((m) => {
    const rows = m.named.flatMap((a) => {
      const userId = ownerOf(a.address, book, plusAddressing);
      return userId === undefined ? [] : [{ userId, role: a.role }];
    });
    return { m, byUser: rolesByUser(rows) };
  });
  // Rows in (user, message) order, as every writer takes them, so concurrent batches lock alike.
  const states = owned
    .flatMap(({ m, byUser }) => [...byUser].map(([userId, roles]) => ({ m, userId, roles, ...viewOf(roles, m.tags) })))
    .sort((a, b) => a.userId - b.userId || (a.m.id < b.m.id ? -1 : a.m.id > b.m.id ? 1 : 0));
  const fresh = new Set<string>();
  if (states.length > 0) {
    const cols = [
      states.map((s) => s.userId),
      states.map((s) => s.m.id),
      states.map((s) => s.m.createdMs),
      states.map((s) => s.isSender),
      states.map((s) => s.tagged),
      states.map((s) => s.m.draft),
      states.map((s) => !s.m.draft),
    ];
    for (const r of await q<{ user_id: number; message_id: string; inserted: boolean }>(STATES, cols)) {
      if (r.inserted) fresh.add(`${r.user_id}\n${r.message_id}`);
    }
  }
  const placed = states.filter((s) => fresh.has(`${s.userId}\n${s.m.id}`));
  const next = new Map<string, number>();
  const places = placed.flatMap((s) =>
    placementOf(s.roles, s.m.draft).map((role) => {
      const key = `${s.userId}\n${role}`;
      const ord = next.get(key) ?? 0;
      next.set(key, ord + 1);
      return { userId: s.userId, role, id: s.m.id, createdMs: s.m.createdMs, ord };
    }),
  );
  if (places.length > 0) {
    const cols = [
      places.map((p) => p.userId),
      places.map((p) => p.role),
      places.map((p) => p.id),
      places.map((p) => p.createdMs),
      places.map((p) => p.ord),
    ];
    await q(PLACE, cols);
  }
  return owned.map(({ m, byUser }) => {
    const owners = [...byUser.keys()].sort((a, b) => a - b);
    return { owners, added: owners.filter((u) => fresh.has(`${u}\n${m.id}`)) };
  });
}
