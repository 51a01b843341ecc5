import { text } from "../parse.js";
import { capabilities } from "./any.js";
import { ImapError, type Session, type Table } from "../session.js";

/** logIn checks a username (one of my addresses) and a token or password, and authenticates the session. */
async function logIn(s: Session, username: string, secret: string): Promise<string> {
  s.loggedIn(await s.services.mailClient.login(username, secret, s.ip, "imap"));
  return `[CAPABILITY ${capabilities(s)}] Logged in`;
}

/** STARTTLS (with the SMTP door's certificate), LOGIN and AUTHENTICATE PLAIN (RFC 4616, with SASL-IR's initial response or a continuation). */
export const authCommands: Table = {
  STARTTLS: {
    states: ["none"],
    async run(s) {
      if (s.secure) throw new ImapError("BAD", "the connection is already encrypted");
      s.afterReply = () => s.startTls();
      return "Begin TLS negotiation now";
    },
  },
  LOGIN: {
    states: ["none"],
    async run(s, cmd) {
      return logIn(s, text(cmd.args[0], "the username", cmd.tag), text(cmd.args[1], "the password", cmd.tag));
    },
  },
  AUTHENTICATE: {
    states: ["none"],
    async run(s, cmd) {
      const mechanism = text(cmd.args[0], "the mechanism", cmd.tag).toUpperCase();
      if (mechanism !== "PLAIN") throw new ImapError("NO", `unsupported mechanism ${mechanism}; use PLAIN`, "CANNOT");
      const initial = cmd.args[1] ? text(cmd.args[1], "the initial response", cmd.tag) : await s.ask("");
      if (initial.trim() === "*") throw new ImapError("BAD", "AUTHENTICATE cancelled");
      const parts = Buffer.from(initial === "=" ? "" : initial, "base64")
        .toString("utf8")
        .split("\u0000");
      if (parts.length !== 3) throw new ImapError("BAD", "a PLAIN response is authzid NUL username NUL password, in base64");
      const [authz, username, password] = parts as [string, string, string];
      if (authz && authz.toLowerCase() !== username.toLowerCase())
        throw new ImapError("NO", "acting as another user is not allowed", "AUTHORIZATIONFAILED");
      return logIn(s, username, password);
    },
  },
};
