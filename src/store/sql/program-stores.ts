import type { FolderStore, MailboxStore } from "../mailbox-ports.js";
import { createFolder, findFolder, folderOfRole, listFolders, moveMessages, removeFolder, renameFolder } from "./folder-programs.js";
import { expunge, markDeleted, setFlag } from "./mailbox-programs.js";
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
export function mailboxWrites(run: Runner, d: Dialect): Pick<MailboxStore, "setFlag" | "move" | "markDeleted" | "expunge"> {
  return {
    setFlag: (userId, ids, flag, value) => run(setFlag(userId, ids, flag, value, d)),
    move: (userId, ids, toId, fromId) => run(moveMessages(userId, ids, toId, fromId, d)),
    markDeleted: (userId, ids) => run(markDeleted(userId, ids, d)),
    expunge: (userId, folderId, ids) => run(expunge(userId, folderId, ids, d)),
  };
}
