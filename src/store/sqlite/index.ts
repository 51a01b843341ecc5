import { sql } from "drizzle-orm";
import type { Store, StoreOptions } from "../ports.js";
import { sqliteChaos } from "./chaos.js";
import { openDb } from "./client.js";
import { sqliteEnvelopes } from "./envelopes.js";
import { contacts, entries, findOwned, heads, listMailbox, matching, mailboxTags, mailboxTotals, SQLITE } from "./mailbox.js";
import { folderStore, mailboxWrites } from "../sql/program-stores.js";
import { sqliteRunner } from "./run-program.js";
import { accountStore, auditStore, secretStore } from "../sql/account-stores.js";
import { sqliteLimits } from "./limits.js";
import { addAddress, addDomain, domainsOf, prefs, removeAddress, removeDomain, setPrefs } from "./addresses.js";
import {
  backfill,
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
import { writeBatcher } from "./write-batch.js";
import { localSignals, soleLeadership } from "./signals.js";
import {
  deleteExpiredTokens,
  deleteOtherSessions,
  deleteToken,
  deleteTokensOfUser,
  findToken,
  findTokenWithUser,
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
export function openSqliteStore(file: string, { plusAddressing = true }: StoreOptions = {}): Store {
  const db = openDb(file);
  runMigrations(db);
  const run = sqliteRunner(db);
  const batched = writeBatcher(db);
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
      addAddress: async (id, a) => addAddress(db, id, a),
      removeAddress: async (id, a) => removeAddress(db, id, a),
      domainsOf: async (id) => domainsOf(db, id),
      addDomain: async (id, d) => addDomain(db, id, d),
      removeDomain: async (d) => removeDomain(db, d),
      prefs: async (id) => prefs(db, id),
      setPrefs: async (id, json) => setPrefs(db, id, json),
    },
    tokens: {
      insert: async (t) => insertToken(db, t),
      find: async (id) => findToken(db, id),
      findWithUser: async (id) => findTokenWithUser(db, id),
      listOf: async (userId) => listTokens(db, userId),
      remove: async (userId, id) => deleteToken(db, userId, id),
      removeAllOf: async (userId) => deleteTokensOfUser(db, userId),
      removeOtherSessions: async (userId, keep) => deleteOtherSessions(db, userId, keep),
      touch: async (id, at) => touchToken(db, id, at),
      purgeExpired: async (now) => deleteExpiredTokens(db, now),
    },
    index: {
      upsert: (row, addresses, o) => batched(() => upsertMessage(db, row, addresses, { plusAddressing, draft: o?.draft })),
      backfill: async (key) => backfill(db, key, plusAddressing),
      known: async (ids, version) => knownTags(db, ids, version),
      idsIndexedBefore: async (ms) => indexedIdsBefore(db, ms),
      remove: async (ids) => removeMessages(db, ids),
      setTags: async (id, tags) => setMessageTags(db, id, tags),
      count: async () => countMessages(db),
      orphans: async () => orphanIds(db),
      analyze: async () => void db.$client.pragma("optimize"),
      getState: async (key) => getIndexerState(db, key),
      setState: async (key, value) => setIndexerState(db, key, value),
    },
    mailbox: {
      list: async (userId, q) => listMailbox(db, userId, q),
      totals: async (userId) => mailboxTotals(db, userId),
      tags: async (userId) => mailboxTags(db, userId),
      findOwned: async (userId, id) => findOwned(db, userId, id),
      contacts: async (userId, query, limit) => contacts(db, userId, query, limit),
      entries: async (userId, folderId) => entries(db, userId, folderId),
      matching: async (userId, folderId, terms) => matching(db, userId, folderId, terms),
      heads: async (userId, ids) => heads(db, userId, ids),
      ...mailboxWrites(run, SQLITE),
    },
    folders: folderStore(run),
    chaos: sqliteChaos(db),
    envelopes: sqliteEnvelopes(db, batched),
    accounts: accountStore(run, sql`SELECT page_count * page_size AS n FROM pragma_page_count(), pragma_page_size()`),
    audit: auditStore(run),
    secrets: secretStore(run),
    limits: sqliteLimits(db, run),
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
