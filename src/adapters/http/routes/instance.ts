import { Hono } from "hono";
import type { Deps } from "../../../deps.js";
import { ChaosInputSchema, RenameTagInputSchema, SetTagsInputSchema } from "../../../services/instance.js";
import { SendInputSchema } from "../../../services/submission.js";
import type { Env } from "../auth.js";
import { jsonInput } from "../input.js";

/** instanceRoutes: send, info, webui, and the admin-only instance-wide routes (tags, chaos). */
export function instanceRoutes({ services }: Deps) {
  const inst = services.instance;
  return new Hono<Env>()
    .post("/send", jsonInput(SendInputSchema), async (c) => c.json(await services.submission.send(c.get("auth").user, c.req.valid("json"))))
    .get("/info", async (c) => c.json(await inst.info(c.get("auth").user)))
    .get("/webui", async (c) => c.json(await inst.webui(c.get("auth").user)))
    .put("/tags", jsonInput(SetTagsInputSchema), async (c) => {
      await inst.setTags(c.get("auth").user, c.req.valid("json"));
      return c.text("ok");
    })
    .put("/tags/:tag", jsonInput(RenameTagInputSchema), async (c) => {
      const body = c.req.valid("json");
      await inst.renameTag(c.get("auth").user, c.req.param("tag"), body.Name);
      return c.text("ok");
    })
    .delete("/tags/:tag", async (c) => {
      await inst.deleteTag(c.get("auth").user, c.req.param("tag"));
      return c.text("ok");
    })
    .get("/chaos", async (c) => c.json(await inst.getChaos(c.get("auth").user)))
    .put("/chaos", jsonInput(ChaosInputSchema), async (c) => c.json(await inst.setChaos(c.get("auth").user, c.req.valid("json"))));
}
