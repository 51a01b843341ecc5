import { folderKey, FOLDER_SEPARATOR, type Folder, type FolderRole } from "../../../domain/folders.js";
import { matchesListPattern } from "../list-pattern.js";
import { text } from "../parse.js";
import { ImapError, type Session, type Table } from "../session.js";
import { decodeMailboxName, encode, encodeMailboxName } from "../write.js";

/** SPECIAL_USE are RFC 6154's attributes for the system folders. */
const SPECIAL_USE: Partial<Record<FolderRole, string>> = {
  sent: "\\Sent",
  drafts: "\\Drafts",
  trash: "\\Trash",
  archive: "\\Archive",
  junk: "\\Junk",
};

/** wireName is a folder's name on the wire: INBOX for the inbox (RFC 3501 §5.1), modified UTF-7 otherwise. */
export const wireName = (f: Folder) => (f.role === "inbox" ? "INBOX" : encodeMailboxName(f.name));

/** folderName reads a mailbox argument into the folder name it means. */
export function folderName(s: Session, arg: Parameters<typeof text>[0], tag: string): string {
  const decoded = decodeMailboxName(text(arg, "the mailbox name", tag));
  if (decoded === undefined) throw new ImapError("BAD", "the mailbox name is not valid modified UTF-7");
  return decoded;
}

async function list(s: Session, cmd: Parameters<Table[string]["run"]>[1], verb: "LIST" | "LSUB"): Promise<string> {
  const reference = folderName(s, cmd.args[0], cmd.tag);
  const pattern = folderName(s, cmd.args[1], cmd.tag);
  if (pattern === "") {
    s.write(`* ${verb} (\\Noselect) "${FOLDER_SEPARATOR}" ""`);
    return `${verb} completed`;
  }
  const folders = await s.services.mailClient.folders(s.user!);
  const keys = new Set(folders.map((f) => folderKey(f.name)));
  for (const f of folders) {
    const name = f.role === "inbox" ? "INBOX" : f.name;
    if (!matchesListPattern(name, reference + pattern)) continue;
    const children = [...keys].some((k) => k.startsWith(folderKey(f.name) + FOLDER_SEPARATOR));
    const attrs = [children ? "\\HasChildren" : "\\HasNoChildren", ...(f.role && SPECIAL_USE[f.role] ? [SPECIAL_USE[f.role]] : [])];
    s.write(Buffer.concat([Buffer.from(`* ${verb} (${attrs.join(" ")}) "${FOLDER_SEPARATOR}" `), encode(wireName(f))]));
  }
  return `${verb} completed`;
}

const STATUS_ITEMS = new Set(["MESSAGES", "RECENT", "UIDNEXT", "UIDVALIDITY", "UNSEEN"]);

/** LIST, LSUB (every folder counts as subscribed) and STATUS over my folders only. */
export const mailboxCommands: Table = {
  LIST: { states: ["auth", "selected"], run: (s, cmd) => list(s, cmd, "LIST") },
  LSUB: { states: ["auth", "selected"], run: (s, cmd) => list(s, cmd, "LSUB") },
  STATUS: {
    states: ["auth", "selected"],
    async run(s, cmd) {
      const items = cmd.args[1];
      if (items?.kind !== "list") throw new ImapError("BAD", "STATUS needs a list of items");
      const { folder, entries } = await s.services.mailClient.open(s.user!, folderName(s, cmd.args[0], cmd.tag));
      const values: Record<string, number> = {
        MESSAGES: entries.length,
        RECENT: 0,
        UIDNEXT: folder.uidNext,
        UIDVALIDITY: folder.uidValidity,
        UNSEEN: entries.filter((e) => !e.seen).length,
      };
      const out = items.items.map((i) => {
        const name = i.kind === "atom" ? i.value.toUpperCase() : "";
        if (!STATUS_ITEMS.has(name)) throw new ImapError("BAD", `unknown STATUS item ${name || "(not an atom)"}`);
        return `${name} ${values[name]}`;
      });
      s.write(Buffer.concat([Buffer.from("* STATUS "), encode(wireName(folder)), Buffer.from(` (${out.join(" ")})`)]));
      return "STATUS completed";
    },
  },
};
