import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { line, PageOut, result, type ToolContext } from "./shared.js";

/** registerSearchMessagesTool: search my mailbox with the REST API's syntax. */
export function registerSearchMessagesTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "search_messages",
    {
      title: "Search messages",
      description:
        'Search my mailbox, newest first. Terms are ANDed substrings: free words, "quoted phrases", from:, to:, cc:, bcc:, subject:, ' +
        "is:read, is:unread, is:starred, is:answered, in:Folder, has:attachment, before:YYYY-MM-DD, after:YYYY-MM-DD, and - to negate a term.",
      inputSchema: {
        query: z.string().min(1).max(2000).describe('The search, e.g. `subject:"reset your password" from:noreply@app.test`.'),
        start: z.number().int().min(0).default(0).describe("How many matches to skip."),
        limit: z.number().int().min(1).max(200).default(20).describe("How many matches to return (1-200)."),
        folder: z.string().min(1).max(200).optional().describe("Search one of my folders only (as in:Folder)."),
      },
      outputSchema: PageOut,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ query, start, limit, folder }) => {
      const page = await ctx.services.mailbox.search(ctx.user, query, { start, limit, folder });
      return result(page, [`${page.messages_count} matches for ${JSON.stringify(query)}:`, ...page.messages.map(line)].join("\n"));
    },
  );
}
