import { StreamableHTTPClientTransport, StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { isJSONRPCRequest, type JSONRPCMessage } from "@modelcontextprotocol/sdk/types.js";

/**
 * The stdio MCP entry for desktop agents (`npm run mcp`): a thin bridge that passes every JSON-RPC
 * message between stdin/stdout and a running Sandpit's `/mcp` endpoint, with SANDPIT_TOKEN as the
 * bearer token. Every tool and rule lives behind `/mcp`; this file only carries messages.
 */
const base = process.env.SANDPIT_URL || "http://127.0.0.1:8025";
const token = process.env.SANDPIT_TOKEN;
if (!token) {
  process.stderr.write("sandpit mcp: set SANDPIT_TOKEN to one of your Sandpit API tokens (npm run cli -- token create, or the web UI)\n");
  process.exit(2);
}

const upstream = new StreamableHTTPClientTransport(new URL("/mcp", base), {
  requestInit: { headers: { authorization: `Bearer ${token}` } },
});
const local = new StdioServerTransport();

/** failure turns an upstream failure into a JSON-RPC error for the request that met it. */
function failure(err: unknown): { code: number; message: string } {
  if (err instanceof StreamableHTTPError) {
    // Sandpit's errors are JSON: {"error":{"code":"UNAUTHORIZED","message":"…"}}.
    const body = /\{.*\}/s.exec(err.message)?.[0];
    try {
      const { error } = JSON.parse(body ?? "") as { error: { code: string; message: string } };
      return { code: -32000, message: `${error.code}: ${error.message}` };
    } catch {
      return { code: -32000, message: err.message };
    }
  }
  return { code: -32000, message: `UPSTREAM_UNAVAILABLE: Sandpit is not reachable at ${base} (${(err as Error).message})` };
}

local.onmessage = (message: JSONRPCMessage) => {
  upstream.send(message).catch((err: unknown) => {
    if (isJSONRPCRequest(message)) void local.send({ jsonrpc: "2.0", id: message.id, error: failure(err) });
    else process.stderr.write(`sandpit mcp: ${(err as Error).message}\n`);
  });
};
upstream.onmessage = (message) => void local.send(message);
upstream.onerror = (err) => process.stderr.write(`sandpit mcp: ${err.message}\n`);
local.onclose = () => void upstream.close();
await upstream.start();
await local.start();
