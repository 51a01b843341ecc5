import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import type { Env } from "../auth.js";
import { clientMeta } from "../client-meta.js";
import { jsonInput } from "../input.js";

const CheckInputSchema = z.object({ username: z.string().max(254).optional(), password: z.string().min(1).max(1024) }).strict();

/**
 * smtpRoutes: my side of Sandpit's SMTP door. `GET /api/v1/smtp` (settings for a mail client),
 * `POST /api/v1/smtp/check` (a real AUTH against Sandpit's SMTP), `GET`/`PUT /api/v1/smtp/chaos`
 * (fault injection for my own mail only).
 */
export function smtpRoutes({ services, config }: Deps) {
  return new Hono<Env>()
    .get("/", async (c) => c.json(await services.smtp.settings(c.get("auth").user)))
    .post("/check", jsonInput(CheckInputSchema), async (c) =>
      c.json(await services.smtp.check(c.get("auth").user, c.req.valid("json"), clientMeta(c, config.http.trustProxy).ip)),
    )
    .get("/chaos", async (c) => c.json(await services.smtp.getChaos(c.get("auth").user)))
    .put("/chaos", jsonInput(z.unknown()), async (c) => c.json(await services.smtp.setChaos(c.get("auth").user, c.req.valid("json"))));
}
