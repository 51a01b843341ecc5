import { Hono, type Context } from "hono";
import type { Deps } from "../../../deps.js";
import { CreateInboxSchema } from "../../../services/inboxes.js";
import type { Env } from "../auth.js";
import { jsonInput } from "../input.js";
import { clientMeta } from "../client-meta.js";

/** inboxRoutes: throwaway inboxes for parallel CI, under /api/v1/inboxes. */
export function inboxRoutes({ services, config }: Deps) {
  const meta = (c: Context) => clientMeta(c, config.http.trustProxy);
  return new Hono<Env>()
    .post("/", jsonInput(CreateInboxSchema), async (c) =>
      c.json(await services.inboxes.create(c.get("auth").user, c.req.valid("json"), meta(c)), 201),
    )
    .get("/", async (c) => c.json({ inboxes: await services.inboxes.list(c.get("auth").user) }))
    .delete("/:address", async (c) => {
      await services.inboxes.remove(c.get("auth").user, c.req.param("address"), meta(c));
      return c.body(null, 204);
    });
}
