import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";

const now = () => Date.now();

/** users: one row per Sandpit user. `email` is the primary address, lower-cased. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    email: text("email").notNull(),
    name: text("name").notNull().default(""),
    passwordHash: text("password_hash"),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    /** The user's preferences (domain/preferences.ts) as JSON. */
    prefsJson: text("prefs_json").notNull().default("{}"),
    /** Set while an admin has disabled the account: every token and password stops working. */
    disabledAt: integer("disabled_at"),
    /** A throwaway inbox (#12) ends at this time, with its tokens and mail; null for people. */
    expiresAt: integer("expires_at"),
    /** Who created a throwaway inbox (for the per-user quota); null for people. */
    createdBy: integer("created_by"),
    /** How many throwaway inboxes this user may hold at once; null: the deployment's setting. */
    inboxQuota: integer("inbox_quota"),
    /** A TOTP secret (base32) while two-factor is being set up or is on; null when off. */
    totpSecret: text("totp_secret"),
    /** When two-factor was turned on (a code is then required at login); null while off or pending. */
    totpEnabledAt: integer("totp_enabled_at"),
    createdAt: integer("created_at").notNull().$defaultFn(now),
  },
  (t) => [uniqueIndex("users_email_uq").on(t.email)],
);

/** user_addresses: every address a user receives mail at (the primary one included), lower-cased. */
export const userAddresses = sqliteTable(
  "user_addresses",
  {
    address: text("address").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    isPrimary: integer("is_primary", { mode: "boolean" }).notNull().default(false),
    createdAt: integer("created_at").notNull().$defaultFn(now),
  },
  (t) => [index("user_addresses_user_idx").on(t.userId)],
);

/** tokens: session and API tokens. Only a SHA-256 of the secret is kept. */
export const tokens = sqliteTable(
  "tokens",
  {
    id: text("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind", { enum: ["session", "api"] }).notNull(),
    name: text("name").notNull(),
    secretHash: text("secret_hash").notNull(),
    createdAt: integer("created_at").notNull().$defaultFn(now),
    lastUsedAt: integer("last_used_at"),
    expiresAt: integer("expires_at"),
    createdIp: text("created_ip"),
    createdUserAgent: text("created_user_agent"),
    /** What the token may do (domain/scopes.ts), comma-separated; older tokens may do everything. */
    scopes: text("scopes").notNull().default("read,write,send,manage,admin"),
  },
  (t) => [index("tokens_user_idx").on(t.userId)],
);

/**
 * messages: the ownership index's copy of each Mailpit message summary, keyed by Mailpit's ID.
 * Lists and searches are answered from here; Mailpit is asked only for one message's content.
 */
export const messages = sqliteTable(
  "messages",
  {
    id: text("id").primaryKey(),
    messageId: text("message_id").notNull().default(""),
    fromJson: text("from_json").notNull(),
    toJson: text("to_json").notNull().default("[]"),
    ccJson: text("cc_json").notNull().default("[]"),
    bccJson: text("bcc_json").notNull().default("[]"),
    replyToJson: text("reply_to_json").notNull().default("[]"),
    subject: text("subject").notNull().default(""),
    created: text("created").notNull(),
    createdMs: integer("created_ms").notNull(),
    username: text("username").notNull().default(""),
    tagsJson: text("tags_json").notNull().default("[]"),
    /** Tags that only Bcc plus-addresses produced: the sender alone sees them (DESIGN §3.3). */
    hiddenTagsJson: text("hidden_tags_json").notNull().default("[]"),
    /** The tags everyone but the sender sees. */
    publicTagsJson: text("public_tags_json").notNull().default("[]"),
    size: integer("size").notNull().default(0),
    /** The size of what a recipient who is not the sender reads (Bcc and Received-for removed). */
    redactedSize: integer("redacted_size").notNull().default(0),
    attachments: integer("attachments").notNull().default(0),
    snippet: text("snippet").notNull().default(""),
    /** Lower-cased text for search terms; Bcc is kept apart so only the sender can match it. */
    subjectText: text("subject_text").notNull().default(""),
    fromText: text("from_text").notNull().default(""),
    toText: text("to_text").notNull().default(""),
    ccText: text("cc_text").notNull().default(""),
    bccText: text("bcc_text").notNull().default(""),
    replyToText: text("reply_to_text").notNull().default(""),
    /** Lower-cased body text (HTML stripped when there is no text part) and attachment names. */
    bodyText: text("body_text").notNull().default(""),
    inlineCount: integer("inline_count").notNull().default(0),
    /** The header section as written, one character per byte (latin1): IMAP answers envelopes and header fields from it. "" when not kept. */
    head: text("head").notNull().default(""),
    /** 2 when the source's last line has no CRLF (POP3 ends it with one), else 0: POP3's sizes are exact. */
    lineEndPad: integer("line_end_pad").notNull().default(0),
    /** What version of the indexer derived this row; older rows are indexed again. */
    indexVersion: integer("index_version").notNull().default(1),
    indexedAt: integer("indexed_at").notNull().$defaultFn(now),
  },
  (t) => [index("messages_created_idx").on(t.createdMs)],
);

/** message_addresses: every address named by a message, so a user who registers later is backfilled. */
export const messageAddresses = sqliteTable(
  "message_addresses",
  {
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    address: text("address").notNull(),
    role: text("role", { enum: ["from", "to", "cc", "bcc"] }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.messageId, t.address, t.role] }), index("message_addresses_address_idx").on(t.address)],
);

/**
 * user_message_state: one row per (user, owned message): the user's mailbox. Read and deleted are
 * this user's alone; created_ms is copied from the message so a page is one index range scan.
 */
export const userMessageState = sqliteTable(
  "user_message_state",
  {
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    createdMs: integer("created_ms").notNull(),
    isSender: integer("is_sender", { mode: "boolean" }).notNull().default(false),
    read: integer("read", { mode: "boolean" }).notNull().default(false),
    starred: integer("starred", { mode: "boolean" }).notNull().default(false),
    answered: integer("answered", { mode: "boolean" }).notNull().default(false),
    /** A draft of mine: owned by me alone until sent. */
    draft: integer("draft", { mode: "boolean" }).notNull().default(false),
    deleted: integer("deleted", { mode: "boolean" }).notNull().default(false),
    /** In a folder a plain list shows (any but Drafts and Trash): a plain list is one range scan. */
    listed: integer("listed", { mode: "boolean" }).notNull().default(true),
    /** Whether the message has tags this user sees, so a user's tag list reads only their tagged rows. */
    tagged: integer("tagged", { mode: "boolean" }).notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.messageId] }),
    // A page is a range of this index in its order (created_ms, then message_id); with `read` in it,
    // a count of a plain list reads the index alone.
    index("user_message_state_listed_read_idx").on(t.userId, t.listed, t.createdMs, t.messageId, t.read),
    // The tagged rows alone (most mail has no tags): a user's tag list reads only these.
    index("user_message_state_tagged_idx")
      .on(t.userId)
      .where(sql`${t.tagged} = 1`),
    index("user_message_state_message_idx").on(t.messageId),
    // The deleted rows alone: finding messages every owner deleted reads these, not the whole table.
    index("user_message_state_deleted_idx")
      .on(t.messageId)
      .where(sql`${t.deleted} = 1`),
  ],
);

/** indexer_state: the poller's bookkeeping (last reconcile, high-water mark), as key/value rows. */
export const indexerState = sqliteTable("indexer_state", {
  key: text("key").primaryKey(),
  value: text("value").notNull(),
  updatedAt: integer("updated_at").notNull().$defaultFn(now),
});
