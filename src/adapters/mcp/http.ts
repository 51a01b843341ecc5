import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Hono } from "hono";
import type { Deps } from "../../deps.js";
import { AppError } from "../../errors.js";
import { requireAuth, type Env } from "../http/auth.js";
import { createMcpServer } from "./server.js";

/**
 * mountMcp serves MCP over streamable HTTP at /mcp, stateless: every POST gets a new server and
 * transport bound to that request's user, so nothing can leak between users through shared state.
 */
export function mountMcp(app: Hono<Env>, deps: Deps): void {
  app.on(["GET", "DELETE", "PUT", "PATCH"], "/mcp", () => {
    throw new AppError("METHOD_NOT_ALLOWED", "this MCP endpoint is stateless: send JSON-RPC with POST");
  });
  app.post("/mcp", requireAuth(deps, { cookies: false }), async (c) => {
    const server = createMcpServer(deps.services, c.get("auth").user);
    const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    await server.connect(transport);
    return transport.handleRequest(c.req.raw);
  });
}
