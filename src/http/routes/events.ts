import { Hono } from "hono";
import { streamSSE } from "hono/streaming";
import type { Deps } from "../../deps.js";
import { findOwned } from "../../db/repos/mailbox.js";
import { toSummary } from "../../services/present.js";
import type { Env } from "../auth.js";

const HEARTBEAT_MS = 15_000;

/**
 * eventsRoutes: `GET /api/v1/events`, a per-user server-sent event stream. It carries only the
 * caller's events: `new` with the message summary (Bcc only for its sender) and `stats` with my
 * counters, so the UI updates without a reload.
 */
export function eventsRoutes({ indexer, services, db }: Deps) {
  return new Hono<Env>().get("/events", (c) => {
    const user = c.get("auth").user;
    return streamSSE(c, async (stream) => {
      const queue: string[] = [];
      let wake: (() => void) | undefined;
      const off = indexer.onIndexed((e) => {
        if (!e.owners.includes(user.id)) return;
        queue.push(e.id);
        wake?.();
      });
      stream.onAbort(() => {
        off();
        wake?.();
      });
      await stream.writeSSE({ event: "stats", data: JSON.stringify(services.mailbox.totals(user)) });
      while (!stream.aborted) {
        const id = queue.shift();
        if (!id) {
          await new Promise<void>((resolve) => {
            wake = resolve;
            setTimeout(resolve, HEARTBEAT_MS).unref();
          });
          wake = undefined;
          if (queue.length === 0 && !stream.aborted) await stream.write(": heartbeat\n\n");
          continue;
        }
        const row = findOwned(db, user.id, id);
        if (!row) continue;
        await stream.writeSSE({ event: "new", id, data: JSON.stringify(toSummary(row)) });
        await stream.writeSSE({ event: "stats", data: JSON.stringify(services.mailbox.totals(user)) });
      }
      off();
    });
  });
}
