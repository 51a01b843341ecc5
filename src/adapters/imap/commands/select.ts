import { ImapError, type Session, type Table } from "../session.js";
import type { Command } from "../parse.js";
import { folderName } from "./mailboxes.js";

async function open(s: Session, cmd: Command, readOnly: boolean): Promise<string> {
  // A failed SELECT leaves no folder selected (RFC 3501 §6.3.1).
  s.selected = undefined;
  s.state = "auth";
  const { folder, entries } = await s.services.mailClient.open(s.user!, folderName(s, cmd.args[0], cmd.tag));
  s.selected = { folder, readOnly, entries };
  s.state = "selected";
  s.write("* FLAGS (\\Answered \\Flagged \\Seen \\Draft)");
  s.write(`* ${entries.length} EXISTS`);
  s.write("* 0 RECENT");
  const unseen = entries.findIndex((e) => !e.seen);
  if (unseen >= 0) s.write(`* OK [UNSEEN ${unseen + 1}] First unseen`);
  s.write(`* OK [PERMANENTFLAGS (${readOnly ? "" : "\\Answered \\Flagged \\Seen"})] Flags that stay`);
  s.write(`* OK [UIDVALIDITY ${folder.uidValidity}] UIDs valid`);
  s.write(`* OK [UIDNEXT ${folder.uidNext}] Predicted next UID`);
  return `[${readOnly ? "READ-ONLY" : "READ-WRITE"}] ${readOnly ? "EXAMINE" : "SELECT"} completed`;
}

function close(s: Session, verb: string): string {
  if (!s.selected) throw new ImapError("BAD", "no folder is selected");
  s.selected = undefined;
  s.state = "auth";
  return `${verb} completed`;
}

/** SELECT, EXAMINE, and leaving a folder with CLOSE or UNSELECT (RFC 3691); nothing is expunged on CLOSE yet. */
export const selectCommands: Table = {
  SELECT: { states: ["auth", "selected"], run: (s, cmd) => open(s, cmd, false) },
  EXAMINE: { states: ["auth", "selected"], run: (s, cmd) => open(s, cmd, true) },
  CLOSE: { states: ["selected"], run: async (s) => close(s, "CLOSE") },
  UNSELECT: { states: ["selected"], run: async (s) => close(s, "UNSELECT") },
};
