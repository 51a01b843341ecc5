import type { FolderEntry } from "../../services/mail-client.js";

/** The flags a folder's messages may carry, as SELECT announces them. */
export const FLAG_NAMES = "\\Answered \\Flagged \\Deleted \\Seen \\Draft";
/** The flags a client can change for good: mine alone (\Deleted: in this folder, until EXPUNGE). \Draft is set by APPEND only. */
export const PERMANENT_FLAGS = "\\Answered \\Flagged \\Deleted \\Seen";

/** flagsOf renders my flags of a message. */
export const flagsOf = (e: FolderEntry) =>
  `(${[e.seen && "\\Seen", e.flagged && "\\Flagged", e.answered && "\\Answered", e.deleted && "\\Deleted", e.draft && "\\Draft"]
    .filter(Boolean)
    .join(" ")})`;

/** sameFlags tells whether two readings of one message carry the same flags. */
export const sameFlags = (a: FolderEntry, b: FolderEntry) =>
  a.seen === b.seen && a.flagged === b.flagged && a.answered === b.answered && a.deleted === b.deleted && a.draft === b.draft;

/** takeFlags copies the flags of a newer reading onto the session's entry. */
export function takeFlags(e: FolderEntry, from: FolderEntry): void {
  e.seen = from.seen;
  e.flagged = from.flagged;
  e.answered = from.answered;
  e.deleted = from.deleted;
  e.draft = from.draft;
}
