import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../../../deps.js";
import type { Env } from "../auth.js";
import type { MailboxChange } from "../../../services/mailbox-events.js";

const HEARTBEAT_MS = 15_000;
/** How often an open stream re-checks its token: a revoked or expired token ends it. */
const TOKEN_CHECK_MS = 1_000;

/**
 * eventsRoutes: `GET /api/v1/events`, a per-user server-sent event stream. It carries only the
 * caller's events: `new` with the message summary (Bcc only for its sender), `changed` when I mark
 * or delete mail in another view (`{change: "read"|"unread"|"deleted", IDs}`, IDs null when many)
 * and `stats` with my counters after each, so every open view updates without a reload. The stream ends when its token stops working.
 */
export function eventsRoutes({ services }: Deps) {
  return new Hono<Env>().get("/events", (c) => {
    const user = c.get("auth").user;
    return streamSSE(c, async (stream) => {
      const queue: MailboxChange[] = [];
      let wake: (() => void) | undefined;
      let valid = true;
      /** A store that cannot answer (Sandpit shutting down) ends the stream too. */
      const recheck = async () => {
        try {
          valid = valid && (await services.auth.stillValid(user));
        } catch {
          valid = false;
        }
        return valid;
      };
      const off = services.events.follow(user, (change) => {
        queue.push(change);
        wake?.();
      });
      const checker = setInterval(() => {
        void recheck().then((ok) => ok || wake?.());
      }, TOKEN_CHECK_MS);
      stream.onAbort(() => {
        off();
        wake?.();
      });
      /** Checked before every write: not one event goes out after the token stops working. */
      const alive = async () => (await recheck()) && !stream.aborted;
      try {
        await stream.writeSSE({ event: "stats", data: JSON.stringify(await services.mailbox.totals(user)) });
        while (await alive()) {
          const change = queue.shift();
          if (!change) {
            await new Promise<void>((resolve) => {
              wake = resolve;
              setTimeout(resolve, HEARTBEAT_MS).unref();
            });
            wake = undefined;
            if (queue.length === 0 && (await alive())) await stream.write(": heartbeat\n\n");
            continue;
          }
          if (change.type === "new") {
            const summary = await services.mailbox.summary(user, change.id);
            if (!summary) continue;
            await stream.writeSSE({ event: "new", id: change.id, data: JSON.stringify(summary) });
          } else if (change.type === "changed") {
            await stream.writeSSE({ event: "changed", data: JSON.stringify({ change: change.change, IDs: change.ids ?? null }) });
          }
          await stream.writeSSE({ event: "stats", data: JSON.stringify(await services.mailbox.totals(user)) });
        }
      } finally {
        clearInterval(checker);
        off();
      }
    });
  });
}
