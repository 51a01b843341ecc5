import type { Store, FolderEntry } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { asViewer } from "../lib/redact.js";
import type { SearchTerm } from "../lib/search-query.js";
import { sortFolders, type Folder } from "../domain/folders.js";
import { appendMessage, type AppendFlags } from "./append.js";
import type { AuthService } from "./auth.js";
import type { FolderService } from "./folders.js";
import type { MailboxEventsService } from "./mailbox-events.js";
import type { MailboxService } from "./mailbox.js";
import type { MessageService } from "./messages.js";
import type { SubmissionService } from "./submission.js";

export type { FolderEntry };

/** ClientFlag is a flag a mail client sets: IMAP's \Seen, \Flagged and \Answered. */
export type ClientFlag = "seen" | "flagged" | "answered";

/**
 * MailClientService is what the mail-client doors (IMAP, POP3) ask of Sandpit: the same login,
 * folders, messages and per-user flags as every other door, in a client's terms (UIDs).
 */
export interface MailClientService {
  /** login takes one of my addresses and a token (or my password in password mode). */
  login(username: string, secret: string, client: string | undefined, door: "imap" | "pop3"): Promise<ActingUser>;
  /** admitChange refuses early a change a door will make later (POP3 DELE, applied at QUIT): its scope is `write`. */
  admitChange(user: ActingUser): Promise<void>;
  /** stillValid tells whether a signed-in session may go on (its user not disabled, its token not revoked). */
  stillValid(user: ActingUser): Promise<boolean>;
  folders(user: ActingUser): Promise<Folder[]>;
  /** open is one of my folders with its messages by UID (404 for a folder I do not have). */
  open(user: ActingUser, name: string): Promise<{ folder: Folder; entries: FolderEntry[] }>;
  /** entries are the messages in a folder I opened, by UID, as they are now. */
  entries(user: ActingUser, folder: Folder): Promise<FolderEntry[]>;
  /** matching are the IDs in a folder of mine that all the index's search terms match (IMAP SEARCH). */
  matching(user: ActingUser, folder: Folder, terms: SearchTerm[]): Promise<string[]>;
  /** follow calls `listener` whenever my mailbox may have changed, through any door, until the returned function is called. */
  follow(user: ActingUser, listener: () => void): () => void;
  /** source is a message's bytes as I may read them (Bcc only for its sender); it does not mark it read. */
  source(user: ActingUser, id: string): Promise<Buffer>;
  /**
   * heads are the header sections of my messages as I may read them (as source() would begin),
   * from the index: the messages whose header is not kept there are missing from the map.
   */
  heads(user: ActingUser, ids: string[]): Promise<Map<string, Buffer>>;
  setFlag(user: ActingUser, ids: string[], flag: ClientFlag, value: boolean): Promise<void>;
  /** markOpened marks messages read because their content was fetched (IMAP BODY[]), as opening does on every door. */
  markOpened(user: ActingUser, ids: string[]): Promise<void>;
  /** markDeleted sets or clears IMAP's \Deleted on messages in one of my folders. */
  markDeleted(user: ActingUser, folder: Folder, ids: string[], value: boolean): Promise<void>;
  /** expunge takes messages out of one of my folders (and, in no other, out of my mailbox); answers those taken. */
  expunge(user: ActingUser, folder: Folder, ids: string[], opts?: { onlyMarked?: boolean }): Promise<string[]>;
  /** copy puts messages of a folder of mine into another too (`move`: and out of the first); answers the target and its UIDs. */
  copy(
    user: ActingUser,
    from: Folder,
    ids: string[],
    to: string,
    opts?: { move?: boolean },
  ): Promise<{ folder: Folder; uids: Map<string, number> }>;
  /** append stores a message into a folder of mine, owned by me alone (services/append.ts); answers the folder and its UID there. */
  append(user: ActingUser, folder: string, raw: Buffer, flags: AppendFlags): Promise<{ folder: Folder; uid: number }>;
  createFolder(user: ActingUser, name: string): Promise<void>;
  renameFolder(user: ActingUser, name: string, to: string): Promise<void>;
  deleteFolder(user: ActingUser, name: string): Promise<void>;
}

export function createMailClientService(deps: {
  store: Store;
  auth: AuthService;
  folders: FolderService;
  mailbox: MailboxService;
  messages: MessageService;
  events: MailboxEventsService;
  submission: SubmissionService;
}): MailClientService {
  const { store, auth, folders, mailbox, messages, events, submission } = deps;
  const entries = (user: ActingUser, folder: Folder) => store.mailbox.entries(user.id, folder.id);
  return {
    login: (username, secret, client, door) => auth.authenticateMail({ username, secret, client, door, scope: "read" }),
    stillValid: (user) => auth.stillValid(user),
    admitChange: async () => undefined,
    folders: async (user) => sortFolders(await store.folders.list(user.id)),
    async open(user, name) {
      const folder = await folders.resolve(user, name);
      return { folder, entries: await entries(user, folder) };
    },
    entries,
    matching: (user, folder, terms) => store.mailbox.matching(user.id, folder.id, terms),
    follow: (user, listener) => events.follow(user, () => listener()),
    source: async (user, id) => (await messages.raw(user, id)).body,
    async heads(user, ids) {
      const rows = ids.length ? await store.mailbox.heads(user.id, ids) : [];
      return new Map(rows.filter((r) => r.head !== "").map((r) => [r.id, asViewer(Buffer.from(r.head, "latin1"), r.isSender)]));
    },
    async setFlag(user, ids, flag, value) {
      if (ids.length === 0) return;
      if (flag === "seen") await mailbox.setRead(user, { ids }, value);
      else if (flag === "flagged") await mailbox.setStarred(user, { ids }, value);
      else {
        // \Answered has no door but the mail clients': still, my other sessions (IDLE) hear of it.
        const changed = await store.mailbox.setFlag(user.id, ids, "answered", value);
        if (changed.length > 0) await events.changed(user, "answered", changed);
      }
    },
    async markOpened(user, ids) {
      if (ids.length > 0) await mailbox.setRead(user, { ids }, true);
    },
    async markDeleted(user, folder, ids, value) {
      const changed = ids.length ? await store.mailbox.markInFolder(user.id, folder.id, ids, value) : [];
      if (changed.length > 0) await events.changed(user, "marked", changed);
    },
    expunge: (user, folder, ids, opts = {}) => (ids.length ? mailbox.expunge(user, folder.id, ids, opts.onlyMarked) : Promise.resolve([])),
    async copy(user, from, ids, to, opts = {}) {
      const target = await folders.resolve(user, to);
      if (ids.length > 0) {
        if (opts.move) await mailbox.move(user, { ids }, target.name, from.name);
        else await mailbox.copy(user, ids, target);
      }
      const wanted = new Set(ids);
      const uids = new Map((await entries(user, target)).filter((e) => wanted.has(e.id)).map((e) => [e.id, e.uid]));
      return { folder: target, uids };
    },
    async append(user, name, raw, flags) {
      const folder = await folders.resolve(user, name);
      return { folder, uid: await appendMessage({ store, submission, mailbox }, user, folder, raw, flags) };
    },
    createFolder: async (user, name) => void (await folders.create(user, name)),
    renameFolder: async (user, name, to) => void (await folders.rename(user, name, to)),
    deleteFolder: (user, name) => folders.remove(user, name),
  };
}
