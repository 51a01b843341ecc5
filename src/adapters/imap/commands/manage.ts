import { folderKey, FOLDER_SEPARATOR } from "../../../domain/folders.js";
import type { Command } from "../parse.js";
import { ImapError, type Session, type Table } from "../session.js";
import { folderName } from "./mailboxes.js";

/** nameArg reads a mailbox argument for CREATE and RENAME: a trailing separator is dropped (RFC 3501 §6.3.3). */
function nameArg(s: Session, cmd: Command, i: number): string {
  const name = folderName(s, cmd.args[i], cmd.tag);
  return name.endsWith(FOLDER_SEPARATOR) ? name.slice(0, -1) : name;
}

const isInbox = (name: string) => name.toUpperCase() === "INBOX";

/** exists checks that a folder of mine has this name (SUBSCRIBE and UNSUBSCRIBE name real folders only). */
async function exists(s: Session, name: string): Promise<void> {
  await s.services.mailClient.open(s.user!, name);
}

/**
 * CREATE, DELETE and RENAME over my folders (the folder service's rules: system folders stay,
 * names are unique case-insensitively), and SUBSCRIBE/UNSUBSCRIBE: every folder of mine is
 * subscribed, so both only check that the folder exists.
 */
export const manageCommands: Table = {
  CREATE: {
    states: ["auth", "selected"],
    async run(s, cmd) {
      const name = nameArg(s, cmd, 0);
      const mine = await s.services.mailClient.folders(s.user!);
      if (isInbox(name) || mine.some((f) => folderKey(f.name) === folderKey(name)))
        throw new ImapError("NO", `${name} exists already`, "ALREADYEXISTS");
      // Missing superior folders are created too (RFC 3501 §6.3.3): `a/b/c` makes `a` and `a/b`.
      const parts = name.split(FOLDER_SEPARATOR);
      for (let i = 1; i < parts.length; i++) {
        await s.services.mailClient.createFolder(s.user!, parts.slice(0, i).join(FOLDER_SEPARATOR)).catch(ignoreExisting);
      }
      await s.services.mailClient.createFolder(s.user!, name).catch(already);
      return "CREATE completed";
    },
  },
  DELETE: {
    states: ["auth", "selected"],
    async run(s, cmd) {
      const name = nameArg(s, cmd, 0);
      if (isInbox(name)) throw new ImapError("NO", "INBOX cannot be deleted", "CANNOT");
      await s.services.mailClient.deleteFolder(s.user!, name);
      return "DELETE completed";
    },
  },
  RENAME: {
    states: ["auth", "selected"],
    async run(s, cmd) {
      const [from, to] = [nameArg(s, cmd, 0), nameArg(s, cmd, 1)];
      if (isInbox(from)) throw new ImapError("NO", "INBOX cannot be renamed here; move its messages instead", "CANNOT");
      await s.services.mailClient.renameFolder(s.user!, from, to).catch(already);
      return "RENAME completed";
    },
  },
  SUBSCRIBE: {
    states: ["auth", "selected"],
    async run(s, cmd) {
      await exists(s, folderName(s, cmd.args[0], cmd.tag));
      return "SUBSCRIBE completed";
    },
  },
  UNSUBSCRIBE: {
    states: ["auth", "selected"],
    async run(s, cmd) {
      await exists(s, folderName(s, cmd.args[0], cmd.tag));
      return "UNSUBSCRIBE completed (every folder of yours stays listed)";
    },
  },
};

/** ignoreExisting lets a superior folder that exists already be. */
function ignoreExisting(err: unknown): void {
  if ((err as { code?: string }).code !== "FOLDER_EXISTS") throw err;
}

/** already turns the folder service's "that name is taken" into IMAP's ALREADYEXISTS (RFC 5530). */
function already(err: unknown): never {
  if ((err as { code?: string }).code === "FOLDER_EXISTS") throw new ImapError("NO", (err as Error).message, "ALREADYEXISTS");
  throw err;
}
