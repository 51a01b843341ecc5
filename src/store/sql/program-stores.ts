import type { FolderStore, MailboxStore } from "../mailbox-ports.js";
import {
  copyMessages,
  createFolder,
  findFolder,
  folderOfRole,
  listFolders,
  moveMessages,
  removeFolder,
  renameFolder,
} from "./folder-programs.js";
import { expunge, markDeleted, markInFolder, setFlag } from "./mailbox-programs.js";
import type { Runner } from "./program.js";
import type { Dialect } from "./search-terms.js";

/** The ports whose operations are programs: the same code serves SQLite and PostgreSQL. */

export function folderStore(run: Runner): FolderStore {
  return {
    list: (userId) => run(listFolders(userId)),
    find: (userId, name) => run(findFolder(userId, name)),
    ofRole: (userId, role) => run(folderOfRole(userId, role)),
    create: (userId, name) => run(createFolder(userId, name)),
    rename: (userId, folder, name) => run(renameFolder(userId, folder, name)),
    remove: (userId, folder) => run(removeFolder(userId, folder)),
  };
}

/** mailboxWrites are the mailbox's multi-statement writes. */
export function mailboxWrites(
  run: Runner,
  d: Dialect,
): Pick<MailboxStore, "setFlag" | "move" | "copy" | "markDeleted" | "expunge" | "markInFolder"> {
  return {
    setFlag: (userId, ids, flag, value) => run(setFlag(userId, ids, flag, value, d)),
    move: (userId, ids, toId, fromId) => run(moveMessages(userId, ids, toId, fromId, d)),
    copy: (userId, ids, toId) => run(copyMessages(userId, ids, toId, d)),
    markDeleted: (userId, ids) => run(markDeleted(userId, ids, d)),
    expunge: (userId, folderId, ids, onlyMarked = false) => run(expunge(userId, folderId, ids, onlyMarked, d)),
    markInFolder: (userId, folderId, ids, value) => run(markInFolder(userId, folderId, ids, value, d)),
  };
}
