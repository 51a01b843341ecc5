import path from "node:path";
import { serveStatic } from "@hono/node-server/serve-static";
import type { Hono } from "hono";
import type { Env } from "./auth.js";
import { fromRoot } from "../../lib/root.js";

/** UI_DIR is the repository's ui/ folder, found from this module, never from the working directory. */
export const UI_DIR = fromRoot("ui");

/**
 * A strict policy for the UI's own pages: only our scripts and styles, no inline code, no remote
 * assets (the UI works offline), frames only from our origin (the sandboxed message view).
 */
export const UI_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "frame-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join("; ");

/** serveUi serves the static web UI at / (hash routes, so one index.html serves every page). */
export function serveUi(app: Hono<Env>): void {
  // serveStatic resolves `root` against the working directory, so hand it a relative path to UI_DIR.
  const root = path.relative(process.cwd(), UI_DIR) || ".";
  app.use("/*", async (c, next) => {
    await next();
    if (c.res.headers.get("content-type")?.startsWith("text/html") && !c.req.path.startsWith("/view/")) {
      c.res.headers.set("Content-Security-Policy", UI_CSP);
      c.res.headers.set("X-Content-Type-Options", "nosniff");
      c.res.headers.set("Referrer-Policy", "no-referrer");
    }
  });
  app.get("/", serveStatic({ root, path: "index.html" }));
  app.get("/ui/*", serveStatic({ root, rewriteRequestPath: (p) => p.replace(/^\/ui/, "") }));
}
