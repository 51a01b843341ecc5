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
export function multiline(s: Pop3Session, lines: string[]): void {
  s.write(Buffer.from([...lines, "."].join("\r\n") + "\r\n", "latin1"));
}

/** logIn checks an address and a token (or password), and locks my Inbox for the session (RFC 1939 §8). */
async function logIn(s: Pop3Session, username: string, secret: string): Promise<string> {
  const { mailClient } = s.services;
  const user = await mailClient.login(username, secret, s.socket.remoteAddress, "pop3");
  const { folder, entries } = await mailClient.open(user, "Inbox");
  s.user = user;
  s.maildrop = { folder, entries, deleted: new Set() };
  s.state = "transaction";
  return `${entries.length} messages in your Inbox`;
}

/** CAPA (RFC 2449), STLS (RFC 2595), USER/PASS (RFC 1939) and AUTH PLAIN (RFC 5034). */
export const authCommands: Table = {
  CAPA: {
    states: ["authorization", "transaction"],
    max: 0,
    async run(s) {
      s.write("+OK Capability list follows");
      multiline(s, capabilities(s));
      return SILENT;
    },
  },
  STLS: {
    states: ["authorization"],
    max: 0,
    async run(s) {
      if (s.secure) throw new Pop3Error("the connection is already encrypted");
      s.afterReply = () => s.startTls();
      return "Begin TLS negotiation";
    },
  },
  USER: {
    states: ["authorization"],
    max: 1,
    async run(s, [name]) {
      if (!name) throw new Pop3Error("USER needs one of your addresses");
      s.pendingUser = name;
      return "now PASS with a token (or your password)";
    },
  },
  PASS: {
    states: ["authorization"],
    max: Infinity,
    async run(s, _args, rest) {
      const user = s.pendingUser;
      s.pendingUser = undefined;
      if (!user) throw new Pop3Error("USER comes first");
      // A password may contain spaces (RFC 1939 §7): the rest of the line, as sent, is the password.
      return logIn(s, user, rest);
    },
  },
  AUTH: {
    states: ["authorization"],
    max: 2,
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
};
