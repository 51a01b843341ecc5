import { ImapError, type Table } from "../session.js";
import { announce } from "../updates.js";

/**
 * IDLE (RFC 2177): until the client sends DONE, every change to my mailbox through any door
 * (delivery, REST, the web UI, another IMAP session, another replica) is announced as it happens.
 */
export const idleCommands: Table = {
  IDLE: {
    states: ["auth", "selected"],
    async run(s) {
      let pending = Promise.resolve();
      const tell = () => {
        pending = pending
          .then(() => announce(s, { expunges: true }))
          .catch((err: unknown) => s.log.warn("imap idle update failed", { error: (err as Error).message }));
      };
      s.onChange = tell;
      const done = s.ask("idling");
      tell();
      let line: string;
      try {
        line = await done;
      } finally {
        // However IDLE ends, nothing is announced again until a command is in progress (RFC 3501 §7.4.1).
        s.onChange = undefined;
        await pending;
      }
      if (line.trim().toUpperCase() !== "DONE") throw new ImapError("BAD", "IDLE ends with DONE");
      return "IDLE terminated";
    },
  },
};
