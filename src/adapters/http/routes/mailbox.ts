import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { AppError } from "../../../errors.js";
import type { Selection } from "../../../services/mailbox.js";
import type { Env } from "../auth.js";
import { jsonInput, queryInput } from "../input.js";

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
  folder: z.string().trim().min(1).max(200).optional(),
});
const SearchQuery = PageQuery.extend({ query: z.string().trim().min(1, "query is required").max(2000), tz: z.string().optional() });
const DeleteSearchQuery = z.object({ query: z.string().trim().min(1, "query is required").max(2000), tz: z.string().optional() });

const Ids = z.array(z.string().min(1).max(64)).max(10_000);
/** Exact keys only: Mailpit would match `ids` case-insensitively, Sandpit refuses the ambiguity. */
const SetReadBody = z
  .object({
    IDs: Ids.optional(),
    Read: z.boolean().optional(),
    Search: z.string().max(2000).optional(),
    Folder: z.string().trim().min(1).max(200).optional(),
    Starred: z.boolean().optional(),
  })
  .strict();
const DeleteBody = z.object({ IDs: Ids.optional() }).strict();
/** Mailpit clients send no body to mean "all": mark all unread, or delete all (of mine). */
const allUnread = () => ({ Read: false });
const allOfMine = () => ({});

/** selection maps Mailpit's body semantics: no IDs (or `[]`) and no search means all of mine. */
function selection(ids: string[] | undefined, search?: string): Selection {
  if (search !== undefined && search.trim() !== "") return { search };
  return ids && ids.length > 0 ? { ids } : "all";
}

/** mailboxRoutes: Mailpit's list, search and bulk routes, answered for the calling user. */
export function mailboxRoutes({ services }: Deps) {
  return new Hono<Env>()
    .get("/messages", queryInput(PageQuery), async (c) => c.json(await services.mailbox.list(c.get("auth").user, c.req.valid("query"))))
    .put("/messages", jsonInput(SetReadBody, allUnread), async (c) => {
      const body = c.req.valid("json");
      const user = c.get("auth").user;
      if (body.IDs?.length && body.Search) throw new AppError("BAD_REQUEST", "send either IDs or Search, not both");
      const asked = [body.Read, body.Folder, body.Starred].filter((v) => v !== undefined).length;
      if (asked > 1) throw new AppError("BAD_REQUEST", "send one of Read, Folder or Starred per request");
      const sel = selection(body.IDs, body.Search);
      if (body.Read === undefined && sel === "all" && asked > 0) {
        throw new AppError("BAD_REQUEST", "name the messages to move or star with IDs or Search");
      }
      if (body.Folder !== undefined) await services.mailbox.move(user, sel, body.Folder);
      else if (body.Starred !== undefined) await services.mailbox.setStarred(user, sel, body.Starred);
      // Mailpit's meaning: a body without Read marks the messages unread.
      else await services.mailbox.setRead(user, sel, body.Read ?? false);
      return c.text("ok");
    })
    .delete("/messages", jsonInput(DeleteBody, allOfMine), async (c) => {
      const body = c.req.valid("json");
      await services.mailbox.remove(c.get("auth").user, selection(body.IDs));
      return c.text("ok");
    })
    .get("/search", queryInput(SearchQuery), async (c) => {
      const q = c.req.valid("query");
      return c.json(await services.mailbox.search(c.get("auth").user, q.query, q));
    })
    .delete("/search", queryInput(DeleteSearchQuery), async (c) => {
      const q = c.req.valid("query");
      await services.mailbox.remove(c.get("auth").user, { search: q.query });
      return c.text("ok");
    })
    .get("/tags", async (c) => c.json(await services.mailbox.tags(c.get("auth").user)));
}
