import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { AppError } from "../../errors.js";
import { createRestPort } from "./rest-port.js";
import { createMcpServer } from "./server.js";

/**
 * The stdio MCP entry for desktop agents (`npm run mcp`): it talks to a running Sandpit's REST API
 * at SANDPIT_URL with SANDPIT_TOKEN. Without SANDPIT_TOKEN, each tool call must carry access_token.
 */
const url = process.env.SANDPIT_URL || "http://127.0.0.1:8025";
const token = process.env.SANDPIT_TOKEN || undefined;

const server = createMcpServer((accessToken) => {
  const t = token ?? accessToken;
  if (!t) throw new AppError("UNAUTHORIZED", "no token: set SANDPIT_TOKEN for this MCP server, or pass access_token");
  return createRestPort(url, t);
});
await server.connect(new StdioServerTransport());
