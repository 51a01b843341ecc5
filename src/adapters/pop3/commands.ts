import type { FolderEntry } from "../../services/mail-client.js";
import { Pop3Error, SILENT, type Pop3Session, type Table } from "./session.js";

/** capabilities (RFC 2449 CAPA): STLS while a session before login is in the clear. */
function capabilities(s: Pop3Session): string[] {
  return [
    "TOP",
    "UIDL",
    "USER",
    "SASL PLAIN",
    "RESP-CODES",
    "AUTH-RESP-CODE",
    "PIPELINING",
    ...(!s.secure && s.state === "authorization" ? ["STLS"] : []),
    "IMPLEMENTATION Sandpit",
  ];
}

/** multiline writes a multi-line response's lines (already dot-stuffed, bytes as latin1) and its terminating `.`. */
function multiline(s: Pop3Session, lines: string[]): void {
  s.write(Buffer.from([...lines, "."].join("\r\n") + "\r\n", "latin1"));
}

/** logIn checks an address and a token (or password), and locks my Inbox for the session (RFC 1939 §8). */
async function logIn(s: Pop3Session, username: string, secret: string): Promise<string> {
  const { mailClient } = s.services;
  const user = await mailClient.login(username, secret, s.socket.remoteAddress);
  const { folder, entries } = await mailClient.open(user, "Inbox");
  s.user = user;
  s.maildrop = { folder, entries, deleted: new Set() };
  s.state = "transaction";
  return `${entries.length} messages in your Inbox`;
}

/** message is the n-th message of my maildrop, or the refusal for a number that names none (or a deleted one). */
function message(s: Pop3Session, arg: string | undefined): { n: number; e: FolderEntry } {
  const drop = s.maildrop!;
  const n = Number(arg);
  if (!arg || !/^\d{1,9}$/.test(arg) || n < 1 || n > drop.entries.length) throw new Pop3Error(`no message ${arg ?? "(missing number)"}`);
  if (drop.deleted.has(n)) throw new Pop3Error(`message ${n} is already deleted`);
  return { n, e: drop.entries[n - 1]! };
}

const live = (s: Pop3Session) => s.maildrop!.entries.map((e, i) => ({ n: i + 1, e })).filter(({ n }) => !s.maildrop!.deleted.has(n));

/**
 * stuffed splits a message into dot-stuffed lines (RFC 1939 §3); `bodyLines` keeps that many body
 * lines (TOP). Lines end at CRLF only: a bare LF stays in its line, so RETR sends exactly the octets
 * LIST counts.
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

/** The commands of RFC 1939, RFC 2449 (CAPA), RFC 2595 (STLS) and RFC 5034 (AUTH PLAIN), over my Inbox only. */
export const pop3Commands: Table = {
  CAPA: {
    states: ["authorization", "transaction"],
    async run(s) {
      s.write("+OK Capability list follows");
      multiline(s, capabilities(s));
      return SILENT;
    },
  },
  STLS: {
    states: ["authorization"],
    async run(s) {
      if (s.secure) throw new Pop3Error("the connection is already encrypted");
      s.afterReply = () => s.startTls();
      return "Begin TLS negotiation";
    },
  },
  USER: {
    states: ["authorization"],
    async run(s, [name]) {
      if (!name) throw new Pop3Error("USER needs one of your addresses");
      s.pendingUser = name;
      return "now PASS with a token (or your password)";
    },
  },
  PASS: {
    states: ["authorization"],
    async run(s, args) {
      const user = s.pendingUser;
      s.pendingUser = undefined;
      if (!user) throw new Pop3Error("USER comes first");
      // A password may contain spaces (RFC 1939 §7): the rest of the line is the password.
      return logIn(s, user, args.join(" "));
    },
  },
  AUTH: {
    states: ["authorization"],
    async run(s, [mechanism, initial]) {
      if (!mechanism) {
        s.write("+OK SASL mechanisms follow");
        multiline(s, ["PLAIN"]);
        return SILENT;
      }
      if (mechanism.toUpperCase() !== "PLAIN") throw new Pop3Error(`unsupported mechanism ${mechanism}; use PLAIN`);
      const answer = initial ?? (await s.ask(""));
      if (answer.trim() === "*") throw new Pop3Error("AUTH cancelled");
      const parts = Buffer.from(answer === "=" ? "" : answer, "base64")
        .toString("utf8")
        .split("\u0000");
      if (parts.length !== 3) throw new Pop3Error("a PLAIN response is authzid NUL username NUL password, in base64");
      const [authz, username, password] = parts as [string, string, string];
      if (authz && authz.toLowerCase() !== username.toLowerCase()) throw new Pop3Error("acting as another user is not allowed", "AUTH");
      return logIn(s, username, password);
    },
  },
  STAT: {
    states: ["transaction"],
    async run(s) {
      const left = live(s);
      return `${left.length} ${left.reduce((sum, { e }) => sum + e.size, 0)}`;
    },
  },
  LIST: {
    states: ["transaction"],
    async run(s, [arg]) {
      if (arg !== undefined) {
        const { n, e } = message(s, arg);
        return `${n} ${e.size}`;
      }
      const left = live(s);
      s.write(`+OK ${left.length} messages`);
      multiline(
        s,
        left.map(({ n, e }) => `${n} ${e.size}`),
      );
      return SILENT;
    },
  },
  UIDL: {
    states: ["transaction"],
    async run(s, [arg]) {
      // The unique-id is the message's ID: the same for a message however often it is listed.
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
    async run(s, [arg]) {
      const { e } = message(s, arg);
      const raw = await s.services.mailClient.source(s.user!, e.id);
      s.write(`+OK ${raw.length} octets`);
      multiline(s, stuffed(raw));
      return SILENT;
    },
  },
  TOP: {
    states: ["transaction"],
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
    async run(s, [arg]) {
      const { n } = message(s, arg);
      s.maildrop!.deleted.add(n);
      return `message ${n} deleted (at QUIT)`;
    },
  },
  RSET: {
    states: ["transaction"],
    async run(s) {
      s.maildrop!.deleted.clear();
      return `${s.maildrop!.entries.length} messages`;
    },
  },
  NOOP: { states: ["transaction"], run: async () => "" },
  QUIT: {
    states: ["authorization", "transaction"],
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
