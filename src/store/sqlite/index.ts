import { sql } from "drizzle-orm";
import type { Store } from "../ports.js";
import { sqliteChaos } from "./chaos.js";
import { openDb } from "./client.js";
import { sqliteEnvelopes } from "./envelopes.js";
import { findOwned, listMailbox, mailboxTags, mailboxTotals, markDeleted, setRead } from "./mailbox.js";
import {
  backfillAddress,
  countMessages,
  getIndexerState,
  indexedIdsBefore,
  knownTags,
  orphanIds,
  removeMessages,
  setIndexerState,
  setMessageTags,
  upsertMessage,
} from "./messages.js";
import { runMigrations } from "./migrate.js";
import { localSignals, soleLeadership } from "./signals.js";
import {
  deleteExpiredTokens,
  deleteOtherSessions,
  deleteToken,
  deleteTokensOfUser,
  findToken,
  insertToken,
  listTokens,
  touchToken,
} from "./tokens.js";
import { addressesOf, findUserByAddress, findUserById, insertUser, listUsers, setAdmin, setName, setPasswordHash } from "./users.js";

/**
 * openSqliteStore opens (creating if needed) the SQLite database at `file`, migrates it, and
 * serves the store's ports from it. better-sqlite3 is synchronous: each port call runs to
 * completion on the event loop, which is what makes its transactions simple.
 */
export function openSqliteStore(file: string): Store {
  const db = openDb(file);
  runMigrations(db);
  return {
    kind: "sqlite",
    users: {
      insert: async (u) => insertUser(db, u),
      findByAddress: async (a) => findUserByAddress(db, a),
      findById: async (id) => findUserById(db, id),
      list: async () => listUsers(db),
      addressesOf: async (id) => addressesOf(db, id),
      setPasswordHash: async (id, h) => setPasswordHash(db, id, h),
      setName: async (id, n) => setName(db, id, n),
      setAdmin: async (id, a) => setAdmin(db, id, a),
    },
    tokens: {
      insert: async (t) => insertToken(db, t),
      find: async (id) => findToken(db, id),
      listOf: async (userId) => listTokens(db, userId),
      remove: async (userId, id) => deleteToken(db, userId, id),
      removeAllOf: async (userId) => deleteTokensOfUser(db, userId),
      removeOtherSessions: async (userId, keep) => deleteOtherSessions(db, userId, keep),
      touch: async (id, at) => touchToken(db, id, at),
      purgeExpired: async (now) => deleteExpiredTokens(db, now),
    },
    index: {
      upsert: async (row, addresses) => upsertMessage(db, row, addresses),
      backfill: async (address) => backfillAddress(db, address),
      known: async (ids, version) => knownTags(db, ids, version),
      idsIndexedBefore: async (ms) => indexedIdsBefore(db, ms),
      remove: async (ids) => removeMessages(db, ids),
      setTags: async (id, tags) => setMessageTags(db, id, tags),
      count: async () => countMessages(db),
      orphans: async () => orphanIds(db),
      getState: async (key) => getIndexerState(db, key),
      setState: async (key, value) => setIndexerState(db, key, value),
    },
    mailbox: {
      list: async (userId, q) => listMailbox(db, userId, q),
      totals: async (userId) => mailboxTotals(db, userId),
      tags: async (userId) => mailboxTags(db, userId),
      findOwned: async (userId, id) => findOwned(db, userId, id),
      setRead: async (userId, ids, read) => setRead(db, userId, ids, read),
      markDeleted: async (userId, ids) => markDeleted(db, userId, ids),
    },
    chaos: sqliteChaos(db),
    envelopes: sqliteEnvelopes(db),
    signals: localSignals(),
    tryLead: soleLeadership,
    async ping() {
      db.get(sql`SELECT 1`);
    },
    async close() {
      db.$client.close();
    },
  };
}
