import { Hono } from "hono";
import type { Deps } from "../../../deps.js";
import { SendFieldsSchema } from "../../../domain/send-input.js";
import type { Env } from "../auth.js";
import { jsonInput } from "../input.js";

/** draftRoutes: my drafts, private to me until sent. Saving a draft answers its new ID. */
export function draftRoutes({ services }: Deps) {
  const d = services.drafts;
  return new Hono<Env>()
    .post("/", jsonInput(SendFieldsSchema), async (c) => c.json(await d.create(c.get("auth").user, c.req.valid("json")), 201))
    .get("/:id", async (c) => c.json(await d.get(c.get("auth").user, c.req.param("id"))))
    .put("/:id", jsonInput(SendFieldsSchema), async (c) =>
      c.json(await d.update(c.get("auth").user, c.req.param("id"), c.req.valid("json"))),
    )
    .delete("/:id", async (c) => {
      await d.remove(c.get("auth").user, c.req.param("id"));
      return c.text("ok");
    })
    .post("/:id/send", async (c) => c.json(await d.send(c.get("auth").user, c.req.param("id"))));
}
