import type { ClientFlag, FolderEntry } from "../../../services/mail-client.js";
import type { Command } from "../parse.js";
import { ImapError, type Session, type Table } from "../session.js";
import { flagList, selectedEntries } from "./fetch.js";

/** The flags Sandpit keeps per user, by their IMAP names. */
const KEPT: Record<string, ClientFlag> = { "\\SEEN": "seen", "\\FLAGGED": "flagged", "\\ANSWERED": "answered" };

async function store(s: Session, cmd: Command, byUid: boolean): Promise<string> {
  if (s.selected!.readOnly) throw new ImapError("NO", "the folder was opened with EXAMINE", "READ-ONLY");
  const [setArg, itemArg, flagsArg] = cmd.args;
  const item = itemArg?.kind === "atom" ? itemArg.value.toUpperCase() : "";
  const m = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
  if (!m || setArg?.kind !== "atom" || !flagsArg) throw new ImapError("BAD", "STORE needs a set, [+|-]FLAGS[.SILENT] and flags");
  const names = (flagsArg.kind === "list" ? flagsArg.items : [flagsArg]).map((t) => (t.kind === "atom" ? t.value.toUpperCase() : ""));
  if (names.includes("\\DELETED"))
    throw new ImapError("NO", "\\Deleted and EXPUNGE are not supported yet: delete with the web UI or REST", "CANNOT");
  const asked = new Set(names.filter((n) => KEPT[n]).map((n) => KEPT[n]!));
  const targets = selectedEntries(s, setArg.value, byUid);
  for (const flag of Object.values(KEPT)) {
    const want = (e: FolderEntry) =>
      m[1] === "+" ? (asked.has(flag) ? true : e[flag]) : m[1] === "-" ? (asked.has(flag) ? false : e[flag]) : asked.has(flag);
    for (const value of [true, false]) {
      const change = targets.filter(([, e]) => e[flag] !== value && want(e) === value).map(([, e]) => e);
      await s.services.mailClient.setFlag(
        s.user!,
        change.map((e) => e.id),
        flag,
        value,
      );
      for (const e of change) e[flag] = value;
    }
  }
  if (!m[2]) for (const [seq, e] of targets) s.write(`* ${seq} FETCH (${byUid ? `UID ${e.uid} ` : ""}FLAGS ${flagList(e)})`);
  return `${byUid ? "UID STORE" : "STORE"} completed`;
}

/** STORE and UID STORE: \Seen, \Flagged and \Answered are mine alone; other keywords are not kept. */
export const storeCommands: Table = {
  STORE: { states: ["selected"], run: (s, cmd) => store(s, cmd, false) },
  "UID STORE": { states: ["selected"], run: (s, cmd) => store(s, cmd, true) },
};
