import type { Token } from "../parse.js";
import { ImapError, type Table } from "../session.js";
import { folderName } from "./mailboxes.js";

/** flagsOf reads APPEND's optional flag list into the flags Sandpit keeps (others are dropped). */
function flagsOf(list: Token | undefined) {
  const names = new Set((list?.kind === "list" ? list.items : []).map((t) => (t.kind === "atom" ? t.value.toUpperCase() : "")));
  return {
    seen: names.has("\\SEEN"),
    flagged: names.has("\\FLAGGED"),
    answered: names.has("\\ANSWERED"),
    draft: names.has("\\DRAFT"),
    deleted: names.has("\\DELETED"),
  };
}

/**
 * APPEND (RFC 3501 §6.3.11, with UIDPLUS's APPENDUID): stores a message into a folder of mine,
 * owned by me alone. The date-time argument is read but not kept: a message's date in Sandpit is
 * when Mailpit received it.
 */
export const appendCommands: Table = {
  APPEND: {
    states: ["auth", "selected"],
    async run(s, cmd) {
      const [box, ...rest] = cmd.args;
      const message = rest.at(-1);
      if (!box || message?.kind !== "string" || rest.length > 3)
        throw new ImapError("BAD", "APPEND needs a mailbox, optional flags and date, and the message");
      if (message.value.length === 0) throw new ImapError("BAD", "the message is empty");
      const list = rest.length > 1 && rest[0]!.kind === "list" ? rest[0] : undefined;
      const name = folderName(s, box, cmd.tag);
      const { folder, uid } = await s.services.mailClient.append(s.user!, name, message.value, flagsOf(list)).catch((err: unknown) => {
        if ((err as { code?: string }).code === "NOT_FOUND") throw new ImapError("NO", `no folder ${name}`, "TRYCREATE");
        throw err;
      });
      if (s.selected?.folder.id === folder.id) s.dirty = true;
      return `[APPENDUID ${folder.uidValidity} ${uid}] APPEND completed`;
    },
  },
};
