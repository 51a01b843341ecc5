import type { Session, Table } from "../session.js";

/** CAPABILITIES are what this server does; nothing is announced before it works. */
const CAPABILITIES = "IMAP4rev1 LITERAL+ SASL-IR AUTH=PLAIN ID NAMESPACE UNSELECT SPECIAL-USE CHILDREN IDLE UIDPLUS MOVE";

/** capabilities are CAPABILITIES, with STARTTLS while a session before LOGIN is in the clear. */
export const capabilities = (s: Session) => (s.secure || s.state !== "none" ? CAPABILITIES : `${CAPABILITIES} STARTTLS`);

const ALL = ["none", "auth", "selected"] as const;

/** Commands valid in any state (RFC 3501 §6.1), plus ID (RFC 2971) and NAMESPACE (RFC 2342). */
export const anyCommands: Table = {
  CAPABILITY: {
    states: [...ALL],
    async run(s) {
      s.write(`* CAPABILITY ${capabilities(s)}`);
      return "CAPABILITY completed";
    },
  },
  NOOP: { states: [...ALL], run: async () => "NOOP completed" },
  LOGOUT: {
    states: [...ALL],
    async run(s) {
      s.write("* BYE Sandpit IMAP logging out");
      s.state = "logout";
      return "LOGOUT completed";
    },
  },
  ID: {
    states: [...ALL],
    async run(s) {
      s.write('* ID ("name" "Sandpit")');
      return "ID completed";
    },
  },
  NAMESPACE: {
    states: ["auth", "selected"],
    async run(s) {
      s.write('* NAMESPACE (("" "/")) NIL NIL');
      return "NAMESPACE completed";
    },
  },
};
