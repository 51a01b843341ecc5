import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { DraftKindSchema } from "../../../domain/compose.js";
import { AppError } from "../../../errors.js";
import type { UpstreamResponse } from "../../../mailpit/client.js";
import { ReleaseInputSchema } from "../../../services/instance.js";
import type { Env } from "../auth.js";
import { jsonInput, queryInput } from "../input.js";

/**
 * Message content is attacker-controlled and served from Sandpit's origin: it is sandboxed (no
 * script, opaque origin, so no access to Sandpit's cookies or API) and never sniffed.
 */
export const CONTENT_CSP =
  "sandbox; default-src 'none'; img-src * data: blob:; style-src * 'unsafe-inline'; font-src * data:; media-src * data:; frame-ancestors 'self'";
/** The same, with remote images, fonts and styles blocked (the UI's default until I allow them). */
export const CONTENT_CSP_LOCAL =
  "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'; font-src data:; frame-ancestors 'self'";

const LatestQuery = z.object({ query: z.string().max(2000).optional(), tz: z.string().optional() });
const ViewQuery = LatestQuery.extend({
  remote: z.enum(["0", "1"]).optional(),
  inline: z.enum(["data"]).optional(),
  embed: z.string().optional(),
});
const RawQuery = LatestQuery.extend({ dl: z.string().optional() });
const LinkCheckQuery = z.object({ follow: z.enum(["true", "1", "false", "0", ""]).optional() });
const DraftQuery = z.object({ kind: DraftKindSchema.default("reply") });
const PartId = z.string().regex(/^\d+(\.\d+)*$/, "invalid part ID");

/**
 * relay returns upstream bytes with the content headers Sandpit allows through. Parts that a
 * browser would run (HTML, SVG, XML) are downloaded rather than shown, unless rendering is the point.
 */
function relay(c: Context, res: UpstreamResponse, render = false, csp = CONTENT_CSP) {
  const type = res.contentType ?? "application/octet-stream";
  const active = /html|xml|svg|javascript/i.test(type);
  let disposition = res.contentDisposition;
  if (active && !render) disposition = disposition?.replace(/^inline/i, "attachment") ?? "attachment";
  const headers: Record<string, string> = {
    "content-type": type,
    "x-content-type-options": "nosniff",
    "content-security-policy": csp,
  };
  if (disposition) headers["content-disposition"] = disposition;
  return c.body(new Uint8Array(res.body), 200, headers);
}

/** messageRoutes: one message and its views, under /api/v1/message/:id (`latest` resolved per user). */
export function messageRoutes({ services }: Deps) {
  const m = services.messages;
  return new Hono<Env>()
    .get("/:id", queryInput(LatestQuery), async (c) =>
      c.json(await m.get(c.get("auth").user, c.req.param("id"), c.req.valid("query").query)),
    )
    .get("/:id/headers", queryInput(LatestQuery), async (c) =>
      c.json(await m.headers(c.get("auth").user, c.req.param("id"), c.req.valid("query").query)),
    )
    .get("/:id/raw", queryInput(RawQuery), async (c) => {
      const q = c.req.valid("query");
      const raw = await m.raw(c.get("auth").user, c.req.param("id"), q.query);
      const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" };
      if (q.dl === "1" || q.dl === "true") headers["content-disposition"] = `attachment; filename="${raw.id}.eml"`;
      return c.body(new Uint8Array(raw.body), 200, headers);
    })
    .get("/:id/part/:partId", async (c) => {
      const partId = PartId.safeParse(c.req.param("partId"));
      if (!partId.success) throw new AppError("NOT_FOUND", "part not found");
      return relay(c, await m.part(c.get("auth").user, c.req.param("id"), partId.data));
    })
    .get("/:id/part/:partId/thumb", async (c) => {
      const partId = PartId.safeParse(c.req.param("partId"));
      if (!partId.success) throw new AppError("NOT_FOUND", "part not found");
      return relay(c, await m.thumb(c.get("auth").user, c.req.param("id"), partId.data));
    })
    .get("/:id/draft", queryInput(DraftQuery), async (c) => {
      const { kind } = c.req.valid("query");
      return c.json(await services.submission.draft(c.get("auth").user, c.req.param("id"), kind));
    })
    .get("/:id/links", async (c) => c.json(await services.extract.links(c.get("auth").user, c.req.param("id"))))
    .get("/:id/codes", async (c) => c.json(await services.extract.codes(c.get("auth").user, c.req.param("id"))))
    .get("/:id/html-check", async (c) => c.json(await m.htmlCheck(c.get("auth").user, c.req.param("id"))))
    .get("/:id/sa-check", async (c) => c.json(await m.saCheck(c.get("auth").user, c.req.param("id"))))
    .get("/:id/link-check", queryInput(LinkCheckQuery), async (c) => {
      const follow = c.req.valid("query").follow;
      return c.json(await m.linkCheck(c.get("auth").user, c.req.param("id"), follow === "true" || follow === "1"));
    })
    .post("/:id/release", jsonInput(ReleaseInputSchema), async (c) => {
      const body = c.req.valid("json");
      await services.instance.release(c.get("auth").user, c.req.param("id"), body.To);
      return c.text("ok");
    });
}

/** viewRoutes: Mailpit's rendered views, /view/{id}.html and /view/{id}.txt (and `latest`). */
export function viewRoutes({ services }: Deps) {
  return new Hono<Env>().get("/:file", queryInput(ViewQuery), async (c) => {
    const file = c.req.param("file");
    const user = c.get("auth").user;
    const q = c.req.valid("query");
    if (file === "latest") {
      const row = await services.messages.own(user, "latest", q.query);
      return c.redirect(`/view/${row.id}.html`, 302);
    }
    const match = /^([0-9A-Za-z]{1,64})\.(html|txt)$/.exec(file);
    if (!match) throw new AppError("NOT_FOUND", "message not found");
    const kind = match[2] as "html" | "txt";
    const res =
      kind === "html" && q.inline === "data"
        ? await services.messages.viewInlined(user, match[1]!)
        : await services.messages.view(user, match[1]!, kind, false);
    if (kind === "txt") {
      return c.body(new Uint8Array(res.body), 200, { "content-type": "text/plain; charset=utf-8", "x-content-type-options": "nosniff" });
    }
    const csp = q.remote === "0" ? CONTENT_CSP_LOCAL : CONTENT_CSP;
    return relay(c, { ...res, contentType: "text/html; charset=utf-8", contentDisposition: undefined }, true, csp);
  });
}
