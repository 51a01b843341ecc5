import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { requireIds, result, type ToolContext } from "./shared.js";

/** registerDeleteMessagesTool: remove messages from my mailbox (never a delete-all). */
export function registerDeleteMessagesTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "delete_messages",
    {
      title: "Delete messages",
      description:
        "Delete some of my messages from my mailbox. Other recipients keep their copy. IDs are required: there is no delete-all here.",
      inputSchema: {
        ids: z.array(z.string().min(1).max(64)).min(1).max(1000).describe("Message IDs to delete."),
      },
      outputSchema: { ids: z.array(z.string()) },
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    },
    async ({ ids }) => {
      await ctx.services.mailbox.remove(ctx.user, { ids: requireIds(ids) });
      return result({ ids }, `Deleted ${ids.length} message(s) from my mailbox.`);
    },
  );
}
