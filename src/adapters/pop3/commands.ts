import type { FolderEntry } from "../../services/mail-client.js";
import { authCommands, multiline } from "./auth.js";
import { Pop3Error, SILENT, type Pop3Session, type Table } from "./session.js";

/** message is the n-th message of my maildrop, or the refusal for a number that names none (or a deleted one). */
function message(s: Pop3Session, arg: string | undefined): { n: number; e: FolderEntry } {
  const drop = s.maildrop!;
  const n = Number(arg);
  if (!arg || !/^\d{1,9}$/.test(arg) || n < 1 || n > drop.entries.length) throw new Pop3Error(`no message ${arg ?? "(missing number)"}`);
  if (drop.deleted.has(n)) throw new Pop3Error(`message ${n} is already deleted`);
  return { n, e: drop.entries[n - 1]! };
}

/**
 * octets is a message's exact size as RETR sends it, without the stuffing dots (RFC 1939 §5): what
 * I may read, plus the CRLF that ends a last line that has none (the index knows which do).
 */
const octets = (e: FolderEntry) => e.size + e.lineEndPad;

const live = (s: Pop3Session) => s.maildrop!.entries.map((e, i) => ({ n: i + 1, e })).filter(({ n }) => !s.maildrop!.deleted.has(n));

/**
 * stuffed splits a message into dot-stuffed lines (RFC 1939 §3); `bodyLines` keeps that many body
 * lines (TOP). Lines end at CRLF only: a bare LF stays in its line, so RETR sends exactly the octets
 * LIST counts (with the CRLF a last line without one gets, see octets).
 */
function stuffed(raw: Buffer, bodyLines?: number): string[] {
  const text = raw.toString("latin1");
  const lines = text.split("\r\n");
  if (lines.at(-1) === "") lines.pop();
  const out = lines.map((l) => (l.startsWith(".") ? `.${l}` : l));
  if (bodyLines === undefined) return out;
  const blank = lines.indexOf("");
  return blank < 0 ? out : out.slice(0, blank + 1 + bodyLines);
}

/** The commands of RFC 1939 over my Inbox only, with those before login (auth.ts). */
export const pop3Commands: Table = {
  ...authCommands,
  STAT: {
    states: ["transaction"],
    max: 0,
    async run(s) {
      const left = live(s);
      return `${left.length} ${left.reduce((sum, { e }) => sum + octets(e), 0)}`;
    },
  },
  LIST: {
    states: ["transaction"],
    max: 1,
    async run(s, [arg]) {
      if (arg !== undefined) {
        const { n, e } = message(s, arg);
        return `${n} ${octets(e)}`;
      }
      const left = live(s);
      s.write(`+OK ${left.length} messages`);
      multiline(
        s,
        left.map(({ n, e }) => `${n} ${octets(e)}`),
      );
      return SILENT;
    },
  },
  UIDL: {
    states: ["transaction"],
    max: 1,
    async run(s, [arg]) {
      // The unique-id (RFC 1939 §7) is the message's Mailpit ID, the one REST, MCP and the UI name it
      // by: 1 to 70 printable characters, never reused, and the same in every session, whatever
      // happens to my folders. A folder UID with its UIDVALIDITY would change when a message leaves
      // my Inbox and comes back, and the client would download it again as new mail. The ID tells
      // nobody anything: only the message's owners ever see it.
      if (arg !== undefined) {
        const { n, e } = message(s, arg);
        return `${n} ${e.id}`;
      }
      s.write("+OK unique-id listing follows");
      multiline(
        s,
        live(s).map(({ n, e }) => `${n} ${e.id}`),
      );
      return SILENT;
    },
  },
  RETR: {
    states: ["transaction"],
    max: 1,
    async run(s, [arg]) {
      const { e } = message(s, arg);
      // Downloading marks nothing: RFC 1939 has no read state, and my Inbox keeps its unread mail
      // unread in the UI, REST and IMAP (source() does not mark read). Only DELE changes my mailbox.
      const raw = await s.services.mailClient.source(s.user!, e.id);
      s.write(`+OK ${octets(e)} octets`);
      multiline(s, stuffed(raw));
      return SILENT;
    },
  },
  TOP: {
    states: ["transaction"],
    max: 2,
    async run(s, [arg, count]) {
      const { e } = message(s, arg);
      if (!count || !/^\d{1,9}$/.test(count)) throw new Pop3Error("TOP needs a message number and a number of lines");
      const raw = await s.services.mailClient.source(s.user!, e.id);
      s.write("+OK top of message follows");
      multiline(s, stuffed(raw, Number(count)));
      return SILENT;
    },
  },
  DELE: {
    states: ["transaction"],
    max: 1,
    async run(s, [arg]) {
      const { n } = message(s, arg);
      await s.services.mailClient.admitChange(s.user!);
      s.maildrop!.deleted.add(n);
      return `message ${n} deleted (at QUIT)`;
    },
  },
  RSET: {
    states: ["transaction"],
    max: 0,
    async run(s) {
      s.maildrop!.deleted.clear();
      return `${s.maildrop!.entries.length} messages`;
    },
  },
  NOOP: { states: ["transaction"], max: 0, run: async () => "" },
  QUIT: {
    states: ["authorization", "transaction"],
    max: 0,
    async run(s) {
      const drop = s.maildrop;
      s.state = "update";
      if (!drop || drop.deleted.size === 0) return "Sandpit POP3 signing off";
      // The UPDATE state (RFC 1939 §6): what I deleted leaves my Inbox, never anyone else's.
      const ids = [...drop.deleted].map((n) => drop.entries[n - 1]!.id);
      const gone = await s.services.mailClient.expunge(s.user!, drop.folder, ids);
      return `Sandpit POP3 signing off (${gone.length} messages deleted)`;
    },
  },
};
