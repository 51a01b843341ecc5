import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { requireIds, result, type ToolContext } from "./shared.js";

/** registerMarkReadTool: my read state for some of my messages. */
export function registerMarkReadTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "mark_read",
    {
      title: "Mark read or unread",
      description: "Mark some of my messages read (or unread). Only my own read state changes; other recipients are unaffected.",
      inputSchema: {
        ids: z.array(z.string().min(1).max(64)).min(1).max(1000).describe("Message IDs."),
        read: z.boolean().default(true).describe("true to mark read, false to mark unread."),
      },
      outputSchema: { ids: z.array(z.string()), read: z.boolean() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ ids, read }) => {
      await ctx.services.mailbox.setRead(ctx.user, { ids: requireIds(ids) }, read);
      return result({ ids, read }, `Marked ${ids.length} message(s) ${read ? "read" : "unread"}.`);
    },
  );
}
