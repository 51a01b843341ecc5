import type { SearchTerm } from "../lib/search-query.js";
import type { Folder, FolderRole } from "../domain/folders.js";
import type { MessageRow } from "./message-row.js";
import type { ContactRow } from "./sql/contacts-sql.js";
import type { HeadRow } from "./sql/heads-sql.js";

export type { ContactRow };

/** The mailbox ports: one user's messages, flags and folders (DESIGN §2). */

/** Flag is a per-user flag of a message. */
export type Flag = "read" | "starred" | "answered";

/** MailboxRow is an indexed message as one user sees it: their read flag and sender role. */
export type MailboxRow = Omit<
  MessageRow,
  | "subjectText"
  | "fromText"
  | "toText"
  | "ccText"
  | "bccText"
  | "replyToText"
  | "bodyText"
  | "hiddenTagsJson"
  | "indexVersion"
  | "head"
  | "lineEndPad"
> & {
  read: boolean;
  isSender: boolean;
  starred: boolean;
  answered: boolean;
  /** A draft of mine (it sits in Drafts until sent). */
  draft: boolean;
  /** The first folder of mine it sits in, or null when it is in none (deleted). */
  folder: string | null;
};

/** MailboxQuery selects part of one user's mailbox: search terms, a time window, a page. */
export interface MailboxQuery {
  terms?: SearchTerm[] | undefined;
  beforeMs?: number | undefined;
  /** Only messages created at or after this time (the wait endpoint's `since`). */
  sinceMs?: number | undefined;
  /** Only this folder of mine; without it, every folder but Drafts and Trash. */
  folderId?: number | undefined;
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

export interface MailboxStore {
  /** list returns one page of a user's mailbox with the match counts. */
  list(userId: number, q: MailboxQuery): Promise<MailboxPage>;
  totals(userId: number): Promise<{ total: number; unread: number }>;
  /** tags lists the distinct tags a user sees on their messages, sorted. */
  tags(userId: number): Promise<string[]>;
  /** entries lists the messages in one of the user's folders, by UID. */
  entries(userId: number, folderId: number): Promise<FolderEntry[]>;
  /** heads are the kept header sections of those of `ids` the user owns ("" when not kept). */
  heads(userId: number, ids: string[]): Promise<HeadRow[]>;
  /** matching lists the IDs in one of the user's folders that all `terms` match (IMAP SEARCH). */
  matching(userId: number, folderId: number, terms: SearchTerm[]): Promise<string[]>;
  /** contacts lists the people in the user's own mail matching `query` (address or name), most frequent first. */
  contacts(userId: number, query: string, limit: number): Promise<ContactRow[]>;
  /** findOwned returns the message when this user owns it and has not deleted it. */
  findOwned(userId: number, messageId: string): Promise<MailboxRow | undefined>;
  /** setFlag sets one of the user's flags on messages they own; returns the IDs that changed. */
  setFlag(userId: number, ids: string[] | "all", flag: Flag, value: boolean): Promise<string[]>;
  /** move moves messages of theirs into a folder (out of `fromId` only, when given); returns the IDs that moved. */
  move(userId: number, ids: string[], toId: number, fromId?: number): Promise<string[]>;
  /** copy puts messages of theirs into one more folder; returns the IDs placed there. */
  copy(userId: number, ids: string[], toId: number): Promise<string[]>;
  /** markDeleted removes messages from this user's mailbox; `orphans` no owner keeps any more. */
  markDeleted(userId: number, ids: string[] | "all"): Promise<{ deleted: string[]; orphans: string[] }>;
  /** expunge takes messages out of one folder; those in no other folder of the user's leave the mailbox. */
  expunge(
    userId: number,
    folderId: number,
    ids: string[],
    onlyMarked?: boolean,
  ): Promise<{ removed: string[]; deleted: string[]; orphans: string[] }>;
  /** markInFolder sets or clears IMAP's \Deleted on messages in one folder; returns the IDs that changed. */
  markInFolder(userId: number, folderId: number, ids: string[], deleted: boolean): Promise<string[]>;
}

/** FolderEntry is one message in one of a user's folders, as a mail client sees it. */
export interface FolderEntry {
  uid: number;
  id: string;
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  draft: boolean;
  /** Marked \Deleted in this folder, for its next EXPUNGE. */
  deleted: boolean;
  /** The size of what this user reads (without the Bcc header unless they sent it). */
  size: number;
  /** 2 when the source's last line has no CRLF: POP3 sends `size + lineEndPad` octets. */
  lineEndPad: number;
  createdMs: number;
}

/** FolderStore holds each user's folders; names compare case-insensitively. */
export interface FolderStore {
  /** list lists the user's folders with their counters (unsorted). */
  list(userId: number): Promise<Folder[]>;
  find(userId: number, name: string): Promise<Folder | undefined>;
  ofRole(userId: number, role: FolderRole): Promise<Folder | undefined>;
  /** create makes a folder; undefined when the user already has one of that name. */
  create(userId: number, name: string): Promise<Folder | undefined>;
  /** rename renames a folder and those under it; "taken" when a new name is in use. */
  rename(userId: number, folder: Folder, name: string): Promise<"ok" | "taken">;
  remove(userId: number, folder: Folder): Promise<"ok" | "not-empty" | "has-children">;
}
