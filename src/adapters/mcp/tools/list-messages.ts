import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { line, PageOut, result, type ToolContext } from "./shared.js";

/** registerListMessagesTool: my mailbox, newest first. */
export function registerListMessagesTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "list_messages",
    {
      title: "List messages",
      description:
        "List the messages in my mailbox (mail I sent or received), newest first, or in one of my folders. Unread ones are marked * in the text.",
      inputSchema: {
        start: z.number().int().min(0).default(0).describe("How many messages to skip (for paging)."),
        limit: z.number().int().min(1).max(200).default(20).describe("How many messages to return (1-200)."),
        folder: z
          .string()
          .min(1)
          .max(200)
          .optional()
          .describe("One of my folders (Inbox, Sent, Drafts, Archive, Junk, Trash or one I made); omit for all but Drafts and Trash."),
      },
      outputSchema: PageOut,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ start, limit, folder }) => {
      const page = await ctx.services.mailbox.list(ctx.user, { start, limit, folder });
      const text = [
        `${page.total} messages (${page.unread} unread); showing ${page.messages.length} from ${start}:`,
        ...page.messages.map(line),
      ];
      return result(page, text.join("\n"));
    },
  );
}
