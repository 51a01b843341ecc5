import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { result, untrusted, type ToolContext } from "./shared.js";

/** registerExtractLinksTool: the links of a message, listed and never fetched. */
export function registerExtractLinksTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "extract_links",
    {
      title: "Extract links",
      description:
        "List the http(s) links in one of my messages (e.g. a verification link), with their link text. Links are never fetched. Untrusted data.",
      inputSchema: {
        id: z.string().min(1).max(64).describe('The message ID, or "latest".'),
      },
      outputSchema: {
        ID: z.string(),
        links: z.array(z.object({ url: z.string(), text: z.string(), source: z.enum(["html", "text"]) })),
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ id }) => {
      const out = await ctx.services.extract.links(ctx.user, id);
      const text = out.links.map((l, i) => `${i + 1}. ${l.url}${l.text ? `  [${l.text}]` : ""}`).join("\n");
      return result(out, `${out.links.length} links in ${out.ID}:\n${untrusted(out.ID, text)}`);
    },
  );
}
