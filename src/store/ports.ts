import type { SearchTerm } from "../lib/search-query.js";

/**
 * The store's async ports (DESIGN §5): what services and the indexer may ask of storage. SQLite
 * (`store/sqlite`, the zero-set-up default) and PostgreSQL (`store/postgres`, for replicas)
 * implement them; the mailbox queries are written once (`store/sql`).
 * Timestamps are epoch milliseconds; addresses are already normalised by the caller.
 */

import type { ChaosStore, EnvelopeStore, Leadership, Signals } from "./side-ports.js";
import type { Role } from "../domain/visibility.js";

export type { Role };
export type { ChaosStore, EnvelopeStore, Leadership, Signals };

export interface UserRow {
  id: number;
  email: string;
  name: string;
  passwordHash: string | null;
  isAdmin: boolean;
  createdAt: number;
}

export interface NewUser {
  email: string;
  name: string;
  passwordHash: string | null;
  isAdmin: boolean;
}

export interface TokenRow {
  id: string;
  userId: number;
  kind: "session" | "api";
  name: string;
  secretHash: string;
  createdAt: number;
  lastUsedAt: number | null;
  expiresAt: number | null;
  createdIp: string | null;
  createdUserAgent: string | null;
}

export type NewToken = Omit<TokenRow, "createdAt" | "lastUsedAt">;

/** MessageRow is one message as the index keeps it: Mailpit's summary plus what Sandpit derives. */
export interface MessageRow {
  id: string;
  messageId: string;
  fromJson: string;
  toJson: string;
  ccJson: string;
  bccJson: string;
  replyToJson: string;
  subject: string;
  created: string;
  createdMs: number;
  username: string;
  tagsJson: string;
  /** Tags that only Bcc plus-addresses produced: the sender alone sees them. */
  hiddenTagsJson: string;
  /** The tags everyone but the sender sees. */
  publicTagsJson: string;
  size: number;
  /** The size of what a recipient who is not the sender reads. */
  redactedSize: number;
  attachments: number;
  snippet: string;
  subjectText: string;
  fromText: string;
  toText: string;
  ccText: string;
  bccText: string;
  replyToText: string;
  bodyText: string;
  inlineCount: number;
  indexVersion: number;
  indexedAt: number;
}

/** MailboxRow is an indexed message as one user sees it: their read flag and sender role. */
export type MailboxRow = Omit<
  MessageRow,
  "subjectText" | "fromText" | "toText" | "ccText" | "bccText" | "replyToText" | "bodyText" | "hiddenTagsJson" | "indexVersion"
> & { read: boolean; isSender: boolean };

/** MailboxQuery selects part of one user's mailbox: search terms, a time window, a page. */
export interface MailboxQuery {
  terms?: SearchTerm[] | undefined;
  beforeMs?: number | undefined;
  /** Only messages created at or after this time (the wait endpoint's `since`). */
  sinceMs?: number | undefined;
  start: number;
  /** 0 means every match. */
  limit: number;
  /** Newest first (the default), or oldest first. */
  order?: "desc" | "asc";
}

/** MailboxPage is one page of a mailbox query with the counts of all its matches. */
export interface MailboxPage {
  rows: MailboxRow[];
  matches: number;
  unreadMatches: number;
}

/** IndexedAddress is one (address, role) a message names. */
export interface IndexedAddress {
  address: string;
  role: Role;
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
}

export interface TokenStore {
  insert(token: NewToken): Promise<TokenRow>;
  find(id: string): Promise<TokenRow | undefined>;
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
  upsert(row: MessageRow, addresses: IndexedAddress[]): Promise<Granted>;
  /** backfill gives a newly registered address every indexed message that names it. */
  backfill(address: string): Promise<number>;
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
  getState(key: string): Promise<string | undefined>;
  setState(key: string, value: string): Promise<void>;
}

export interface MailboxStore {
  /** list returns one page of a user's mailbox with the match counts. */
  list(userId: number, q: MailboxQuery): Promise<MailboxPage>;
  totals(userId: number): Promise<{ total: number; unread: number }>;
  /** tags lists the distinct tags a user sees on their messages, sorted. */
  tags(userId: number): Promise<string[]>;
  /** findOwned returns the message when this user owns it and has not deleted it. */
  findOwned(userId: number, messageId: string): Promise<MailboxRow | undefined>;
  /** setRead sets the user's read flag on messages they own; returns how many changed. */
  setRead(userId: number, ids: string[] | "all", read: boolean): Promise<number>;
  /** markDeleted removes messages from this user's mailbox; `orphans` no owner keeps any more. */
  markDeleted(userId: number, ids: string[] | "all"): Promise<{ deleted: string[]; orphans: string[] }>;
}

/** Store is every port of one database. */
export interface Store {
  kind: "sqlite" | "postgres";
  users: UserStore;
  tokens: TokenStore;
  index: IndexStore;
  mailbox: MailboxStore;
  envelopes: EnvelopeStore;
  chaos: ChaosStore;
  signals: Signals;
  /** tryLead takes the poller's lease if nobody holds it (always, for one process on SQLite). */
  tryLead(): Promise<Leadership | undefined>;
  /** ping throws when the database cannot answer. */
  ping(): Promise<void>;
  close(): Promise<void>;
}
