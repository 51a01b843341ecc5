import type { Command } from "../parse.js";
import { parseSequenceSet, contains } from "../sequence.js";
import { ImapError, type Session, type Table } from "../session.js";
import { selectedEntries } from "./fetch.js";
import { folderName } from "./mailboxes.js";

const writable = (s: Session) => {
  if (s.selected!.readOnly) throw new ImapError("NO", "the folder was opened with EXAMINE", "READ-ONLY");
};

/**
 * expunge takes what I marked \Deleted out of the selected folder (only within `uids` for UID
 * EXPUNGE, RFC 4315): out of my mailbox, never anyone else's. The EXPUNGE responses follow from
 * the session's update (updates.ts), as for a change made through any other door.
 */
async function expunge(s: Session, cmd: Command, byUid: boolean): Promise<string> {
  writable(s);
  const uids = byUid ? parseSequenceSet(cmd.args[0]?.kind === "atom" ? cmd.args[0].value : "") : undefined;
  if (byUid && !uids) throw new ImapError("BAD", "UID EXPUNGE needs a UID set");
  const sel = s.selected!;
  const fresh = await s.services.mailClient.entries(s.user!, sel.folder);
  const max = fresh.at(-1)?.uid ?? 0;
  const marked = fresh.filter((e) => e.deleted && (!uids || contains(uids, e.uid, max))).map((e) => e.id);
  await s.services.mailClient.expunge(s.user!, sel.folder, marked, { onlyMarked: true });
  s.dirty = true;
  return `${byUid ? "UID EXPUNGE" : "EXPUNGE"} completed`;
}

/** uidSet renders UIDs as a compact set (`3:5,9`) for COPYUID. */
export function uidSet(uids: number[]): string {
  const out: string[] = [];
  for (let i = 0; i < uids.length;) {
    let j = i;
    while (j + 1 < uids.length && uids[j + 1] === uids[j]! + 1) j++;
    out.push(j > i ? `${uids[i]}:${uids[j]}` : `${uids[i]}`);
    i = j + 1;
  }
  return out.join(",");
}

/** copy puts messages into another folder of mine (`move`: and out of this one, RFC 6851), with COPYUID (RFC 4315). */
async function copy(s: Session, cmd: Command, byUid: boolean, move: boolean): Promise<string> {
  const verb = `${byUid ? "UID " : ""}${move ? "MOVE" : "COPY"}`;
  if (move) writable(s);
  if (cmd.args[0]?.kind !== "atom" || !cmd.args[1]) throw new ImapError("BAD", `${verb} needs a set and a mailbox`);
  const picked = selectedEntries(s, cmd.args[0].value, byUid).map(([, e]) => e);
  const to = folderName(s, cmd.args[1], cmd.tag);
  const { folder, uids } = await s.services.mailClient
    .copy(
      s.user!,
      s.selected!.folder,
      picked.map((e) => e.id),
      to,
      { move },
    )
    .catch((err: unknown) => {
      // A folder that does not exist is TRYCREATE (RFC 3501 §6.4.7): the client may create it and retry.
      if ((err as { code?: string }).code === "NOT_FOUND") throw new ImapError("NO", `no folder ${to}`, "TRYCREATE");
      throw err;
    });
  const pairs = picked.filter((e) => uids.has(e.id)).map((e) => [e.uid, uids.get(e.id)!] as const);
  const code = pairs.length ? `[COPYUID ${folder.uidValidity} ${uidSet(pairs.map((p) => p[0]))} ${uidSet(pairs.map((p) => p[1]))}] ` : "";
  if (!move) return `${code}${verb} completed`;
  s.dirty = true;
  if (code) s.write(`* OK ${code}Moved`);
  return `${verb} completed`;
}

/** EXPUNGE, UID EXPUNGE, COPY and MOVE (and their UID forms) within my own folders. */
export const expungeCommands: Table = {
  EXPUNGE: { states: ["selected"], run: (s, cmd) => expunge(s, cmd, false) },
  "UID EXPUNGE": { states: ["selected"], run: (s, cmd) => expunge(s, cmd, true) },
  COPY: { states: ["selected"], run: (s, cmd) => copy(s, cmd, false, false) },
  "UID COPY": { states: ["selected"], run: (s, cmd) => copy(s, cmd, true, false) },
  MOVE: { states: ["selected"], run: (s, cmd) => copy(s, cmd, false, true) },
  "UID MOVE": { states: ["selected"], run: (s, cmd) => copy(s, cmd, true, true) },
};
