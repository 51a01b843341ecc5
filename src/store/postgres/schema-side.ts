import { bigint, boolean, index, integer, pgTable, primaryKey, serial, text, uniqueIndex } from "drizzle-orm/pg-core";
import { messages, users } from "./schema.js";

/** The tables beside the index: envelopes, SMTP chaos, folders and catch-all domains (as store/sqlite/schema-side.ts). */

const now = () => Date.now();

/**
 * envelopes: the SMTP envelope of each message that entered through Sandpit, recorded before the
 * client heard success. `message_id` is the Mailpit message it became (null while relaying).
 */
export const envelopes = pgTable(
  "envelopes",
  {
    id: text("id").primaryKey(),
    messageId: text("message_id"),
    authUserId: integer("auth_user_id").references(() => users.id, { onDelete: "set null" }),
    mailFrom: text("mail_from").notNull(),
    rcptsJson: text("rcpts_json").notNull(),
    sendersJson: text("senders_json").notNull(),
    /** `mail`, or `draft`: a draft is owned by its author alone and sits in their Drafts. */
    kind: text("kind", { enum: ["mail", "draft", "kept"] })
      .notNull()
      .default("mail"),
    createdMs: bigint("created_ms", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("envelopes_message_uq").on(t.messageId), index("envelopes_created_idx").on(t.createdMs)],
);

/** smtp_chaos: one user's SMTP fault injection rule (domain/chaos.ts), as JSON. */
export const smtpChaos = pgTable("smtp_chaos", {
  userId: integer("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  ruleJson: text("rule_json").notNull(),
  updatedAt: bigint("updated_at", { mode: "number" }).notNull().$defaultFn(now),
});

/** folders: every folder of every user; `role` marks the system ones, `name_key` is the lower-cased name. */
export const folders = pgTable(
  "folders",
  {
    id: serial("id").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    nameKey: text("name_key").notNull(),
    role: text("role", { enum: ["inbox", "sent", "drafts", "trash", "archive", "junk"] }),
    /** IMAP's UIDVALIDITY and UIDNEXT: UIDs are per folder, never reused. */
    uidValidity: bigint("uid_validity", { mode: "number" }).notNull(),
    uidNext: bigint("uid_next", { mode: "number" }).notNull().default(1),
    createdAt: bigint("created_at", { mode: "number" }).notNull().$defaultFn(now),
  },
  (t) => [uniqueIndex("folders_user_name_uq").on(t.userId, t.nameKey)],
);

/** folder_messages: which of a user's messages sit in which of their folders, each with its UID there. */
export const folderMessages = pgTable(
  "folder_messages",
  {
    folderId: integer("folder_id")
      .notNull()
      .references(() => folders.id, { onDelete: "cascade" }),
    uid: bigint("uid", { mode: "number" }).notNull(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    messageId: text("message_id")
      .notNull()
      .references(() => messages.id, { onDelete: "cascade" }),
    createdMs: bigint("created_ms", { mode: "number" }).notNull(),
    /** IMAP's \Deleted: marked for the next EXPUNGE of this folder (RFC 3501 §2.3.2). */
    deleted: boolean("deleted").notNull().default(false),
  },
  (t) => [
    primaryKey({ columns: [t.folderId, t.uid] }),
    uniqueIndex("folder_messages_message_uq").on(t.folderId, t.messageId),
    index("folder_messages_page_idx").on(t.folderId, t.createdMs),
    // By message, then owner: a message's entries sit together (one page to write when it is
    // indexed, where an index led by the user scattered them over one page per owner).
    index("folder_messages_message_user_idx").on(t.messageId, t.userId),
  ],
);

/** user_domains: catch-all domains an admin gave a user (`*@domain`); an exact address wins over them. */
export const userDomains = pgTable("user_domains", {
  domain: text("domain").primaryKey(),
  userId: integer("user_id")
    .notNull()
    .references(() => users.id, { onDelete: "cascade" }),
  createdAt: bigint("created_at", { mode: "number" }).notNull().$defaultFn(now),
});
