import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { AppError } from "../../../errors.js";
import type { Selection } from "../../../services/mailbox.js";
import type { Env } from "../auth.js";
import { jsonBody, query } from "../input.js";

const PageQuery = z.object({
  start: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(0).max(100_000).default(50),
  before: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === "") return undefined;
      const ms = Date.parse(v);
      if (Number.isNaN(ms)) ctx.addIssue({ code: "custom", message: "before must be an RFC 3339 time" });
      return ms;
    }),
});
const SearchQuery = PageQuery.extend({ query: z.string().trim().min(1, "query is required").max(2000), tz: z.string().optional() });
const DeleteSearchQuery = z.object({ query: z.string().trim().min(1, "query is required").max(2000), tz: z.string().optional() });

const Ids = z.array(z.string().min(1).max(64)).max(10_000);
/** Exact keys only: Mailpit would match `ids` case-insensitively, Sandpit refuses the ambiguity. */
const SetReadBody = z.object({ IDs: Ids.optional(), Read: z.boolean().default(false), Search: z.string().max(2000).optional() }).strict();
const DeleteBody = z.object({ IDs: Ids.optional() }).strict();

/** selection maps Mailpit's body semantics: no IDs (or `[]`) and no search means all of mine. */
function selection(ids: string[] | undefined, search?: string): Selection {
  if (search !== undefined && search.trim() !== "") return { search };
  return ids && ids.length > 0 ? { ids } : "all";
}

/** mailboxRoutes: Mailpit's list, search and bulk routes, answered for the calling user. */
export function mailboxRoutes({ services }: Deps) {
  return new Hono<Env>()
    .get("/messages", async (c) => c.json(await services.mailbox.list(c.get("auth").user, query(c, PageQuery))))
    .put("/messages", async (c) => {
      const body = await jsonBody(c, SetReadBody, () => ({ Read: false }));
      if (body.IDs?.length && body.Search) throw new AppError("BAD_REQUEST", "send either IDs or Search, not both");
      await services.mailbox.setRead(c.get("auth").user, selection(body.IDs, body.Search), body.Read);
      return c.text("ok");
    })
    .delete("/messages", async (c) => {
      const body = await jsonBody(c, DeleteBody, () => ({}));
      await services.mailbox.remove(c.get("auth").user, selection(body.IDs));
      return c.text("ok");
    })
    .get("/search", async (c) => {
      const q = query(c, SearchQuery);
      return c.json(await services.mailbox.search(c.get("auth").user, q.query, q));
    })
    .delete("/search", async (c) => {
      const q = query(c, DeleteSearchQuery);
      await services.mailbox.remove(c.get("auth").user, { search: q.query });
      return c.text("ok");
    })
    .get("/tags", async (c) => c.json(await services.mailbox.tags(c.get("auth").user)));
}
