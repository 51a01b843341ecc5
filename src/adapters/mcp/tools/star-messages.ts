import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { requireIds, result, type ToolContext } from "./shared.js";

/** registerStarMessagesTool: star or unstar some of my messages. */
export function registerStarMessagesTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "star_messages",
    {
      title: "Star messages",
      description: "Star (or unstar) some of my messages. Stars are mine alone; find them with the search is:starred.",
      inputSchema: {
        ids: z.array(z.string().min(1).max(64)).min(1).max(1000).describe("Message IDs."),
        starred: z.boolean().default(true).describe("true to star, false to unstar."),
      },
      outputSchema: { changed: z.number(), starred: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ ids, starred }) => {
      const changed = await ctx.services.mailbox.setStarred(ctx.user, { ids: requireIds(ids) }, starred);
      return result({ changed, starred }, `${starred ? "Starred" : "Unstarred"} ${changed} message(s).`);
    },
  );
}
