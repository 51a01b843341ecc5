import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Hono, MiddlewareHandler } from "hono";
import { isLoopback } from "../config.js";
import type { Deps } from "../deps.js";
import { AppError } from "../errors.js";
import { originHost } from "../lib/origin.js";
import { requireAuth, type Env } from "../http/auth.js";
import { createLocalPort } from "./local-port.js";
import { createMcpServer } from "./server.js";

/**
 * mountMcp serves MCP over streamable HTTP at /mcp, stateless: every POST gets a new server and
 * transport bound to that request's user, so nothing can leak between users through shared state.
 */
export function mountMcp(app: Hono<Env>, deps: Deps): void {
  app.on(["GET", "DELETE", "PUT", "PATCH"], "/mcp", () => {
    throw new AppError("METHOD_NOT_ALLOWED", "this MCP endpoint is stateless: send JSON-RPC with POST");
  });
  app.post("/mcp", checkHostAndOrigin(deps), requireAuth(deps.services.auth, { cookies: false }), async (c) => {
    const user = c.get("auth").user;
    // The connection carries a token, so a tool's access_token argument is never used here.
    const server = createMcpServer(() => createLocalPort(deps.services, user));
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
  });
}

/**
 * checkHostAndOrigin guards against DNS rebinding: a web page whose name resolves to this machine
 * sends its own name as Host. Loopback names, the bind address and SANDPIT_ALLOWED_HOSTS pass; an
 * Origin, when sent, must name an allowed host too.
 */
function checkHostAndOrigin({ config }: Deps): MiddlewareHandler<Env> {
  const allowed = new Set(["localhost", "127.0.0.1", "[::1]", ...config.http.allowedHosts]);
  if (!isLoopback(config.http.host) && !["0.0.0.0", "::"].includes(config.http.host)) allowed.add(config.http.host.toLowerCase());
  const ok = (host: string) => allowed.has(host.toLowerCase().replace(/:\d+$/, ""));
  return async function hostAndOrigin(c, next) {
    const host = c.req.header("host") ?? "";
    if (!ok(host)) throw new AppError("FORBIDDEN", `host ${host} is not allowed; add it to SANDPIT_ALLOWED_HOSTS`);
    const origin = originHost(c.req.header("origin"));
    if (origin !== undefined && !ok(origin)) throw new AppError("FORBIDDEN", `origin ${c.req.header("origin")} is not allowed`);
    await next();
  };
}
