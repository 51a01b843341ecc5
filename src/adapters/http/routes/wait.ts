import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { MAX_WAIT_MS } from "../../../services/wait.js";
import type { Env } from "../auth.js";
import { queryInput } from "../input.js";

const WaitQuery = z
  .object({
    query: z.string().max(2000).optional(),
    to: z.string().max(254).optional(),
    from: z.string().max(254).optional(),
    subject: z.string().max(500).optional(),
    timeout: z.coerce
      .number()
      .min(0)
      .max(MAX_WAIT_MS / 1000)
      .default(30),
    since: z
      .string()
      .optional()
      .transform((v, ctx) => {
        if (v === undefined || v === "") return undefined;
        const ms = /^\d+$/.test(v) ? Number(v) : Date.parse(v);
        if (Number.isNaN(ms)) ctx.addIssue({ code: "custom", message: "since must be an RFC 3339 time or epoch milliseconds" });
        return ms;
      }),
  })
  .strict();

/**
 * waitRoutes: `GET /api/v1/wait` long-polls for the first of my messages matching the query that
 * arrives after `since` (default: now), for CI jobs. 408 WAIT_TIMEOUT when none came in time.
 */
export function waitRoutes({ services }: Deps) {
  return new Hono<Env>().get("/wait", queryInput(WaitQuery), async (c) => {
    const q = c.req.valid("query");
    const message = await services.wait.waitFor(c.get("auth").user, {
      ...q,
      sinceMs: q.since ?? Date.now(),
      timeoutMs: q.timeout * 1000,
      signal: c.req.raw.signal,
    });
    return c.json(message);
  });
}
