import type { ClientFlag } from "../../../services/mail-client.js";
import { flagsOf } from "../flags.js";
import type { Command } from "../parse.js";
import { ImapError, type Session, type Table } from "../session.js";
import { selectedEntries } from "./fetch.js";

/** The flags Sandpit keeps per user, by their IMAP names; \Deleted is kept per folder of mine. */
const KEPT: Record<string, ClientFlag | "deleted"> = {
  "\\SEEN": "seen",
  "\\FLAGGED": "flagged",
  "\\ANSWERED": "answered",
  "\\DELETED": "deleted",
};

async function store(s: Session, cmd: Command, byUid: boolean): Promise<string> {
  if (s.selected!.readOnly) throw new ImapError("NO", "the folder was opened with EXAMINE", "READ-ONLY");
  const [setArg, itemArg, flagsArg] = cmd.args;
  const item = itemArg?.kind === "atom" ? itemArg.value.toUpperCase() : "";
  const m = /^([+-]?)FLAGS(\.SILENT)?$/.exec(item);
  if (!m || setArg?.kind !== "atom" || !flagsArg) throw new ImapError("BAD", "STORE needs a set, [+|-]FLAGS[.SILENT] and flags");
  const names = (flagsArg.kind === "list" ? flagsArg.items : [flagsArg]).map((t) => (t.kind === "atom" ? t.value.toUpperCase() : ""));
  // Other flags and keywords (\Draft, $Forwarded …) are not kept: PERMANENTFLAGS says so.
  const asked = new Set(names.filter((n) => KEPT[n]).map((n) => KEPT[n]!));
  const targets = selectedEntries(s, setArg.value, byUid);
  const ids = targets.map(([, e]) => e.id);
  const { mailClient } = s.services;
  // Each flag asked for is written to every target, whatever this session last heard of it: another
  // door may have changed it since, and the store changes (and announces) only what differs.
  for (const flag of Object.values(KEPT)) {
    if (ids.length === 0 || (m[1] !== "" && !asked.has(flag))) continue;
    const value = m[1] !== "-" && asked.has(flag);
    if (flag === "deleted") await mailClient.markDeleted(s.user!, s.selected!.folder, ids, value);
    else await mailClient.setFlag(s.user!, ids, flag, value);
    for (const [, e] of targets) e[flag] = value;
  }
  if (!m[2]) for (const [seq, e] of targets) s.write(`* ${seq} FETCH (${byUid ? `UID ${e.uid} ` : ""}FLAGS ${flagsOf(e)})`);
  return `${byUid ? "UID STORE" : "STORE"} completed`;
}

/** STORE and UID STORE: \Seen, \Flagged, \Answered and \Deleted are mine alone. */
export const storeCommands: Table = {
  STORE: { states: ["selected"], run: (s, cmd) => store(s, cmd, false) },
  "UID STORE": { states: ["selected"], run: (s, cmd) => store(s, cmd, true) },
};
