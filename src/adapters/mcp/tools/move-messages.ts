import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { requireIds, result, type ToolContext } from "./shared.js";

/** registerMoveMessagesTool: move some of my messages into one of my folders. */
export function registerMoveMessagesTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "move_messages",
    {
      title: "Move messages",
      description: "Move some of my messages into one of my folders (e.g. Archive, Trash, or a folder I made). Only my mailbox changes.",
      inputSchema: {
        ids: z.array(z.string().min(1).max(64)).min(1).max(1000).describe("Message IDs."),
        folder: z.string().min(1).max(200).describe("The folder to move them into."),
      },
      outputSchema: { moved: z.number(), folder: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ ids, folder }) => {
      const moved = await ctx.services.mailbox.move(ctx.user, { ids: requireIds(ids) }, folder);
      return result({ moved, folder }, `Moved ${moved} message(s) to ${folder}.`);
    },
  );
}
