import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";

/** ToolResult is what a tool call returns, loosely typed for assertions. */
export type ToolResult = { isError?: boolean; structuredContent?: any; content: { type: string; text: string }[] };

/** connectMcp connects the SDK's real client to a Sandpit's /mcp with a bearer token. */
export async function connectMcp(
  baseUrl: string,
  token: string,
): Promise<Client & { tool(name: string, args?: Record<string, unknown>): Promise<ToolResult> }> {
  const client = new Client({ name: "test-agent", version: "1.0.0" });
  await client.connect(
    new StreamableHTTPClientTransport(new URL(`${baseUrl}/mcp`), { requestInit: { headers: { Authorization: `Bearer ${token}` } } }),
  );
  return Object.assign(client, {
    tool: async (name: string, args: Record<string, unknown> = {}) => (await client.callTool({ name, arguments: args })) as ToolResult,
  });
}
