import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import type { Deps } from "./deps.js";
import { AppError } from "./errors.js";
import { requireAuth, type Env } from "./adapters/http/auth.js";
import { createErrorHandler, notFound } from "./adapters/http/error-handler.js";
import { hostGuard } from "./adapters/http/host-guard.js";
import { adminRoutes } from "./adapters/http/routes/admin.js";
import { authRoutes } from "./adapters/http/routes/auth.js";
import { inboxRoutes } from "./adapters/http/routes/inboxes.js";
import { contactRoutes } from "./adapters/http/routes/profile.js";
import { draftRoutes } from "./adapters/http/routes/drafts.js";
import { folderRoutes } from "./adapters/http/routes/folders.js";
import { healthRoutes } from "./adapters/http/routes/health.js";
import { instanceRoutes } from "./adapters/http/routes/instance.js";
import { autoconfigRoutes, mailClientRoutes } from "./adapters/http/routes/mail-clients.js";
import { mailboxRoutes } from "./adapters/http/routes/mailbox.js";
import { messageRoutes, viewRoutes } from "./adapters/http/routes/message.js";
import { smtpRoutes } from "./adapters/http/routes/smtp.js";
import { waitRoutes } from "./adapters/http/routes/wait.js";
import { eventsRoutes } from "./adapters/http/routes/events.js";
import { uiSessionRoutes } from "./adapters/http/routes/ui-session.js";
import { serveUi } from "./adapters/http/ui.js";
import { mountMcp } from "./adapters/mcp/http.js";

const JSON_LIMIT = 1024 * 1024;

/**
 * createApp composes Sandpit's HTTP surface. Only known routes exist; everything else is a JSON
 * 404, never a pass-through to Mailpit (DESIGN §3.7).
 */
export function createApp(deps: Deps) {
  const app = new Hono<Env>();
  app.use(requestId());
  app.use(hostGuard(deps.config));
  app.use(normalizePath);
  app.use("/api/v1/send", limit(deps.config.http.maxMessageBytes));
  app.use("/mcp", limit(deps.config.http.maxMessageBytes));
  app.use("/api/*", async (c, next) => (c.req.path === "/api/v1/send" ? next() : limit(JSON_LIMIT)(c, next)));

  app.route("/", healthRoutes(deps));
  app.route("/api/v1/auth", authRoutes(deps));
  app.route("/api/v1/ui", uiSessionRoutes(deps));
  app.route("/", autoconfigRoutes(deps));

  const api = new Hono<Env>();
  api.use(requireAuth(deps));
  api.route("/", mailboxRoutes(deps));
  api.route("/", instanceRoutes(deps));
  api.route("/", waitRoutes(deps));
  api.route("/", eventsRoutes(deps));
  api.route("/message", messageRoutes(deps));
  api.route("/smtp", smtpRoutes(deps));
  api.route("/mail-clients", mailClientRoutes(deps));
  api.route("/folders", folderRoutes(deps));
  api.route("/drafts", draftRoutes(deps));
  api.route("/", contactRoutes(deps));
  api.route("/inboxes", inboxRoutes(deps));
  api.route("/admin", adminRoutes(deps));
  app.route("/api/v1", api);

  const view = new Hono<Env>();
  view.use(requireAuth(deps));
  view.route("/", viewRoutes(deps));
  app.route("/view", view);

  mountMcp(app, deps);
  serveUi(app);

  app.notFound(notFound);
  app.onError(createErrorHandler(deps.log));
  return app;
}

function limit(maxSize: number) {
  return bodyLimit({
    maxSize,
    onError: () => {
      throw new AppError("PAYLOAD_TOO_LARGE", `the body is larger than ${Math.round(maxSize / 1024)} KiB`);
    },
  });
}

/**
 * normalizePath redirects non-canonical paths (`//`, `/./`, `/../`) to their clean form, as
 * Mailpit's mux does: cypress-mailpit requests `<base>//view/{id}.html` and follows the 301.
 */
async function normalizePath(c: import("hono").Context, next: () => Promise<void>) {
  const path = new URL(c.req.url).pathname;
  if (/\/\/|\/\.\.?(\/|$)/.test(path)) {
    const clean = new URL(path.replace(/\/{2,}/g, "/"), "http://x").pathname;
    const search = new URL(c.req.url).search;
    return c.redirect(`${clean}${search}`, 301);
  }
  await next();
}
