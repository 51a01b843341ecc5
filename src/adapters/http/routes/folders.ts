import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import type { Env } from "../auth.js";
import { jsonInput } from "../input.js";

const NameBody = z.object({ name: z.string().max(400) }).strict();

/** folderRoutes: my folders with their counters; create, rename and remove folders of mine. */
export function folderRoutes({ services }: Deps) {
  return new Hono<Env>()
    .get("/", async (c) => c.json({ folders: await services.folders.list(c.get("auth").user) }))
    .post("/", jsonInput(NameBody), async (c) => c.json(await services.folders.create(c.get("auth").user, c.req.valid("json").name), 201))
    .patch("/:name{.+}", jsonInput(NameBody), async (c) =>
      c.json(await services.folders.rename(c.get("auth").user, c.req.param("name"), c.req.valid("json").name)),
    )
    .delete("/:name{.+}", async (c) => {
      await services.folders.remove(c.get("auth").user, c.req.param("name"));
      return c.text("ok");
    });
}
