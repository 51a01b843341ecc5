import { AppError } from "../errors.js";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { checkFolderName, folderKey, FOLDER_SEPARATOR, sortFolders, type Folder, type FolderRole } from "../domain/folders.js";
import type { MailboxEventsService } from "./mailbox-events.js";

/** FolderView is a folder as REST, MCP and the UI show it. */
export interface FolderView {
  name: string;
  role: FolderRole | null;
  total: number;
  unread: number;
}

/** FolderService manages my folders (DESIGN §2): system folders can be neither renamed nor removed. */
export interface FolderService {
  list(user: ActingUser): Promise<FolderView[]>;
  /** resolve finds one of my folders by name, or answers 404. */
  resolve(user: ActingUser, name: string): Promise<Folder>;
  create(user: ActingUser, name: string): Promise<FolderView>;
  rename(user: ActingUser, name: string, to: string): Promise<FolderView>;
  remove(user: ActingUser, name: string): Promise<void>;
}

export const toFolderView = (f: Folder): FolderView => ({ name: f.name, role: f.role, total: f.total, unread: f.unread });

const noFolder = (name: string) => new AppError("NOT_FOUND", `you have no folder named ${JSON.stringify(name)}`);
const taken = (name: string) => new AppError("FOLDER_EXISTS", `you already have a folder named ${JSON.stringify(name)}`);

export function createFolderService({ store, events }: { store: Store; events: MailboxEventsService }): FolderService {
  async function resolve(user: ActingUser, name: string): Promise<Folder> {
    const folder = await store.folders.find(user.id, name);
    if (!folder) throw noFolder(name);
    return folder;
  }
  async function mine(user: ActingUser, name: string): Promise<Folder> {
    const folder = await resolve(user, name);
    if (folder.role) throw new AppError("BAD_REQUEST", `${folder.name} is a system folder: it cannot be renamed or removed`);
    return folder;
  }
  const announce = (user: ActingUser) => events.changed(user, "folders", "all");

  return {
    list: async (user) => sortFolders(await store.folders.list(user.id)).map(toFolderView),
    resolve,
    async create(user, raw) {
      const name = checkFolderName(raw);
      const folder = await store.folders.create(user.id, name);
      if (!folder) throw taken(name);
      await announce(user);
      return toFolderView(folder);
    },
    async rename(user, from, raw) {
      const folder = await mine(user, from);
      const name = checkFolderName(raw);
      if (folderKey(name).startsWith(folderKey(folder.name) + FOLDER_SEPARATOR)) {
        throw new AppError("BAD_REQUEST", `a folder cannot move under itself (${folder.name} → ${name})`);
      }
      if ((await store.folders.rename(user.id, folder, name)) === "taken") throw taken(name);
      await announce(user);
      return toFolderView({ ...folder, ...((await store.folders.find(user.id, name)) ?? {}), name });
    },
    async remove(user, name) {
      const folder = await mine(user, name);
      const done = await store.folders.remove(user.id, folder);
      if (done === "not-empty") throw new AppError("FOLDER_NOT_EMPTY", `${folder.name} is not empty: move or delete its messages first`);
      if (done === "has-children") throw new AppError("FOLDER_NOT_EMPTY", `${folder.name} has folders under it: remove them first`);
      await announce(user);
    },
  };
}
