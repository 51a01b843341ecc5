import { FLAG_NAMES, PERMANENT_FLAGS } from "../flags.js";
import type { Command } from "../parse.js";
import { ImapError, type Session, type Table } from "../session.js";
import { folderName } from "./mailboxes.js";

async function open(s: Session, cmd: Command, readOnly: boolean): Promise<string> {
  // A failed SELECT leaves no folder selected (RFC 3501 §6.3.1).
  s.selected = undefined;
  s.state = "auth";
  const { folder, entries } = await s.services.mailClient.open(s.user!, folderName(s, cmd.args[0], cmd.tag));
  s.selected = { folder, readOnly, entries, highestUid: entries.at(-1)?.uid ?? 0 };
  s.dirty = false;
  s.state = "selected";
  s.write(`* FLAGS (${FLAG_NAMES})`);
  s.write(`* ${entries.length} EXISTS`);
  s.write("* 0 RECENT");
  const unseen = entries.findIndex((e) => !e.seen);
  if (unseen >= 0) s.write(`* OK [UNSEEN ${unseen + 1}] First unseen`);
  s.write(`* OK [PERMANENTFLAGS (${readOnly ? "" : PERMANENT_FLAGS})] Flags that stay`);
  s.write(`* OK [UIDVALIDITY ${folder.uidValidity}] UIDs valid`);
  s.write(`* OK [UIDNEXT ${folder.uidNext}] Predicted next UID`);
  return `[${readOnly ? "READ-ONLY" : "READ-WRITE"}] ${readOnly ? "EXAMINE" : "SELECT"} completed`;
}

async function close(s: Session, verb: "CLOSE" | "UNSELECT"): Promise<string> {
  const sel = s.selected;
  if (!sel) throw new ImapError("BAD", "no folder is selected");
  s.selected = undefined;
  s.state = "auth";
  // CLOSE expunges what I marked \Deleted here, without telling (RFC 3501 §6.4.2); UNSELECT does not.
  if (verb === "CLOSE" && !sel.readOnly) {
    const marked = (await s.services.mailClient.entries(s.user!, sel.folder)).filter((e) => e.deleted).map((e) => e.id);
    await s.services.mailClient.expunge(s.user!, sel.folder, marked, { onlyMarked: true });
  }
  return `${verb} completed`;
}

/** SELECT, EXAMINE, CHECK, and leaving a folder with CLOSE (which expunges) or UNSELECT (RFC 3691). */
export const selectCommands: Table = {
  SELECT: { states: ["auth", "selected"], run: (s, cmd) => open(s, cmd, false) },
  EXAMINE: { states: ["auth", "selected"], run: (s, cmd) => open(s, cmd, true) },
  CLOSE: { states: ["selected"], run: (s) => close(s, "CLOSE") },
  UNSELECT: { states: ["selected"], run: (s) => close(s, "UNSELECT") },
  // Every change is durable when its command completes: CHECK has nothing to do but let updates be announced.
  CHECK: { states: ["selected"], run: async () => "CHECK completed" },
};
