/**
 * The store's async ports (DESIGN §5): what services and the indexer may ask of storage. SQLite
 * (`store/sqlite`, the zero-set-up default) and PostgreSQL (`store/postgres`, for replicas)
 * implement them; the mailbox queries are written once (`store/sql`).
 * Timestamps are epoch milliseconds; addresses are already normalised by the caller.
 */

import type { ChaosStore, EnvelopeStore, Leadership, Signals } from "./side-ports.js";
import type { FolderStore, MailboxStore } from "./mailbox-ports.js";
import type { Role } from "../domain/visibility.js";
import type { MessageRow } from "./message-row.js";
import type { BackfillKey } from "./sql/owner-sql.js";
import type { AccountStore, AuditStore, LimitStore, SecretStore } from "./account-ports.js";

export type { BackfillKey };
export type { AccountStore, AuditStore, LimitStore, SecretStore };
export type { AuditEntry, AuditFilter, Limiter, LimiterOptions, NewAuditEntry, UserSearch } from "./account-ports.js";

export type { Role };
export type { ChaosStore, EnvelopeStore, Leadership, Signals };
export type { MessageRow } from "./message-row.js";
export type { NewToken, NewUser, TokenRow, UserRow } from "./user-row.js";
import type { NewToken, NewUser, TokenRow, UserRow } from "./user-row.js";
export type { Flag, FolderEntry, FolderStore, MailboxPage, MailboxQuery, MailboxRow, MailboxStore } from "./mailbox-ports.js";

/** IndexedAddress is one (address, role) a message names. */
export interface IndexedAddress {
  address: string;
  role: Role;
}

/** UpsertOptions: a draft is placed in its author's Drafts instead of Sent. */
export interface UpsertOptions {
  draft?: boolean;
}

/** Granted is who owns a message after indexing it, and to whom of them it is new. */
export interface Granted {
  owners: number[];
  added: number[];
}

export interface UserStore {
  /** insert creates a user with its primary address; undefined when the address is taken. */
  insert(user: NewUser): Promise<UserRow | undefined>;
  /** findByAddress looks a user up by any of their addresses. */
  findByAddress(address: string): Promise<UserRow | undefined>;
  findById(id: number): Promise<UserRow | undefined>;
  list(): Promise<UserRow[]>;
  /** addressesOf lists a user's addresses, primary first. */
  addressesOf(userId: number): Promise<string[]>;
  setPasswordHash(userId: number, passwordHash: string): Promise<void>;
  setName(userId: number, name: string): Promise<void>;
  setAdmin(userId: number, isAdmin: boolean): Promise<void>;
  /** addAddress gives a user one more address; false when it is anyone's already. */
  addAddress(userId: number, address: string): Promise<boolean>;
  /** removeAddress takes one of a user's addresses away (never the primary one); false when it is not theirs. */
  removeAddress(userId: number, address: string): Promise<boolean>;
  /** domainsOf lists a user's catch-all domains. */
  domainsOf(userId: number): Promise<string[]>;
  /** addDomain gives a user a catch-all domain; false when anyone has it already. */
  addDomain(userId: number, domain: string): Promise<boolean>;
  /** removeDomain takes a catch-all domain from whoever has it; false when nobody does. */
  removeDomain(domain: string): Promise<boolean>;
  /** prefs reads a user's preferences JSON ("{}" when none were saved). */
  prefs(userId: number): Promise<string>;
  setPrefs(userId: number, json: string): Promise<void>;
}

export interface TokenStore {
  insert(token: NewToken): Promise<TokenRow>;
  find(id: string): Promise<TokenRow | undefined>;
  /** findWithUser reads a token with the user it acts for, in one query: every request makes it. */
  findWithUser(id: string): Promise<{ token: TokenRow; user: UserRow } | undefined>;
  /** listOf lists a user's tokens, newest first. */
  listOf(userId: number): Promise<TokenRow[]>;
  /** remove revokes one of a user's tokens; false when the user has no such token. */
  remove(userId: number, id: string): Promise<boolean>;
  removeAllOf(userId: number): Promise<number>;
  /** removeOtherSessions ends a user's session tokens except `keep` (API tokens stay). */
  removeOtherSessions(userId: number, keep: string | undefined): Promise<number>;
  touch(id: string, at: number): Promise<void>;
  /** purgeExpired deletes tokens whose expiry has passed. */
  purgeExpired(now: number): Promise<number>;
}

export interface IndexStore {
  /**
   * upsert writes one message with its addresses and gives it to every registered user those
   * addresses belong to. Idempotent: replays keep each user's state and add nobody.
   */
  upsert(row: MessageRow, addresses: IndexedAddress[], options?: UpsertOptions): Promise<Granted>;
  /** backfill gives a newly registered address or catch-all domain the indexed mail that names it. */
  backfill(key: BackfillKey): Promise<number>;
  /** known maps each ID among `ids` indexed by `version` (or later) to its stored tags JSON. */
  known(ids: string[], version: number): Promise<Map<string, string>>;
  /** idsIndexedBefore lists every ID indexed before `ms` (a full walk's removal candidates). */
  idsIndexedBefore(ms: number): Promise<string[]>;
  /** remove drops messages from the index, with their owners and mailbox rows. */
  remove(ids: string[]): Promise<number>;
  /** setTags stores new tags; Bcc-only tags stay hidden from recipients. */
  setTags(id: string, tags: string[]): Promise<void>;
  count(): Promise<number>;
  /** orphans lists messages every owner has deleted (to delete upstream). */
  orphans(): Promise<string[]>;
  /**
   * analyze refreshes the query planner's statistics after a walk (SQLite's PRAGMA optimize; on
   * PostgreSQL, ANALYZE of the index tables a tenth of which changed since): without them SQLite
   * walks a whole mailbox for a rare word instead of starting from the trigram index, and
   * PostgreSQL sorts a whole mailbox for a page.
   */
  analyze(): Promise<void>;
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
}

/** StoreOptions are the deployment's settings a store applies: plus-addressing (on by default). */
export interface StoreOptions {
  plusAddressing?: boolean;
}

/** Store is every port of one database. */
export interface Store {
  kind: "sqlite" | "postgres";
  users: UserStore;
  tokens: TokenStore;
  index: IndexStore;
  mailbox: MailboxStore;
  folders: FolderStore;
  envelopes: EnvelopeStore;
  chaos: ChaosStore;
  accounts: AccountStore;
  audit: AuditStore;
  secrets: SecretStore;
  limits: LimitStore;
  signals: Signals;
  /** tryLead takes the poller's lease if nobody holds it (always, for one process on SQLite). */
  tryLead(): Promise<Leadership | undefined>;
  /** ping throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
