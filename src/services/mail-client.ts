import type { Store, FolderEntry } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { sortFolders, type Folder } from "../domain/folders.js";
import type { AuthService } from "./auth.js";
import type { FolderService } from "./folders.js";
import type { MailboxService } from "./mailbox.js";
import type { MessageService } from "./messages.js";

export type { FolderEntry };

/** ClientFlag is a flag a mail client sets: IMAP's \Seen, \Flagged and \Answered. */
export type ClientFlag = "seen" | "flagged" | "answered";

/**
 * MailClientService is what the mail-client doors (IMAP, later POP3) ask of Sandpit: the same
 * login, folders, messages and per-user flags as every other door, in a client's terms (UIDs).
 */
export interface MailClientService {
  /** login takes one of my addresses and a token (or my password in password mode). */
  login(username: string, secret: string, client: string | undefined): Promise<ActingUser>;
  folders(user: ActingUser): Promise<Folder[]>;
  /** open is one of my folders with its messages by UID (404 for a folder I do not have). */
  open(user: ActingUser, name: string): Promise<{ folder: Folder; entries: FolderEntry[] }>;
  /** source is a message's bytes as I may read them (Bcc only for its sender); it does not mark it read. */
  source(user: ActingUser, id: string): Promise<Buffer>;
  setFlag(user: ActingUser, ids: string[], flag: ClientFlag, value: boolean): Promise<void>;
  /** expunge takes messages out of one of my folders (and, in no other, out of my mailbox); answers those taken. */
  expunge(user: ActingUser, folder: Folder, ids: string[]): Promise<string[]>;
}

export function createMailClientService(deps: {
  store: Store;
  auth: AuthService;
  folders: FolderService;
  mailbox: MailboxService;
  messages: MessageService;
}): MailClientService {
  const { store, auth, folders, mailbox, messages } = deps;
  return {
    login: (username, secret, client) => auth.authenticateMail(username, secret, client),
    folders: async (user) => sortFolders(await store.folders.list(user.id)),
    async open(user, name) {
      const folder = await folders.resolve(user, name);
      return { folder, entries: await store.mailbox.entries(user.id, folder.id) };
    },
    source: async (user, id) => (await messages.raw(user, id)).body,
    async setFlag(user, ids, flag, value) {
      if (ids.length === 0) return;
      if (flag === "seen") await mailbox.setRead(user, { ids }, value);
      else if (flag === "flagged") await mailbox.setStarred(user, { ids }, value);
      else await store.mailbox.setFlag(user.id, ids, "answered", value);
    },
    expunge: (user, folder, ids) => (ids.length ? mailbox.expunge(user, folder.id, ids) : Promise.resolve([])),
  };
}
