import { AppError } from "../errors.js";
import type { Role } from "./visibility.js";

/**
 * Folders (DESIGN §2): every user has the system folders below and any folders they create,
 * nested with `/`. A message sits in one or more of its owner's folders (mail I sent to myself is
 * in Inbox and in Sent); nothing of it is shared between users.
 */

export type FolderRole = "inbox" | "sent" | "drafts" | "trash" | "archive" | "junk";

/** SYSTEM_FOLDERS are created with every user, in the order a mail client lists them. */
export const SYSTEM_FOLDERS: readonly { name: string; role: FolderRole }[] = [
  { name: "Inbox", role: "inbox" },
  { name: "Drafts", role: "drafts" },
  { name: "Sent", role: "sent" },
  { name: "Archive", role: "archive" },
  { name: "Junk", role: "junk" },
  { name: "Trash", role: "trash" },
];

/** HIDDEN_ROLES are the folders a plain list leaves out: Mailpit clients see all of my mail but these. */
export const HIDDEN_ROLES: readonly FolderRole[] = ["drafts", "trash"];

/** FOLDER_SEPARATOR nests folders (`Projects/Alpha`), as IMAP's hierarchy delimiter. */
export const FOLDER_SEPARATOR = "/";

export const MAX_FOLDER_NAME = 200;

/** folderKey is how names compare: case-insensitively, so `inbox` and `Inbox` are one folder. */
export const folderKey = (name: string) => name.toLowerCase();

/**
 * checkFolderName validates a name for a folder of mine and returns it trimmed: 1–200 characters, no
 * control characters or IMAP wildcards, no empty level (`a//b`, `/a`, `a/`), and not a system folder.
 * @example checkFolderName(" Projects/Alpha ") // "Projects/Alpha"
 */
export function checkFolderName(raw: string): string {
  const name = raw.trim();
  const bad = (why: string) => new AppError("BAD_REQUEST", `folder name ${JSON.stringify(raw)} ${why}`);
  if (name === "") throw bad("is empty");
  if (name.length > MAX_FOLDER_NAME) throw bad(`is longer than ${MAX_FOLDER_NAME} characters`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f*%"\\]/.test(name)) throw bad('contains a control character or one of * % " \\');
  if (name.split(FOLDER_SEPARATOR).some((level) => level.trim() === "")) throw bad("has an empty level");
  if (SYSTEM_FOLDERS.some((f) => folderKey(f.name) === folderKey(name))) throw bad("is a system folder's name");
  return name;
}

/**
 * placementOf says which folders a new owner's copy goes to: Inbox when they received it, Sent when
 * they sent it (both for mail to myself), Drafts for a draft.
 * @example placementOf(new Set(["from", "to"]), false) // ["inbox", "sent"]
 */
export function placementOf(roles: ReadonlySet<Role>, draft: boolean): FolderRole[] {
  if (draft) return ["drafts"];
  const out: FolderRole[] = [];
  if (roles.has("to") || roles.has("cc") || roles.has("bcc")) out.push("inbox");
  if (roles.has("from")) out.push("sent");
  return out;
}

/** Folder is one folder of mine with its counters. */
export interface Folder {
  id: number;
  name: string;
  role: FolderRole | null;
  total: number;
  unread: number;
  uidValidity: number;
  uidNext: number;
}

/** sortFolders lists system folders in SYSTEM_FOLDERS order, then mine by name. */
export function sortFolders<T extends { name: string; role: FolderRole | null }>(folders: T[]): T[] {
  const rank = (f: T) => (f.role ? SYSTEM_FOLDERS.findIndex((s) => s.role === f.role) : SYSTEM_FOLDERS.length);
  return [...folders].sort((a, b) => rank(a) - rank(b) || a.name.localeCompare(b.name));
}

/** renamedPath is a folder's new name when `from` (it or one of its parents) is renamed to `to`. */
export function renamedPath(name: string, from: string, to: string): string {
  return folderKey(name) === folderKey(from) ? to : to + name.slice(from.length);
}
