import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { result, type ToolContext } from "./shared.js";

/** registerSendDraftTool: send one of my drafts as it stands. */
export function registerSendDraftTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "send_draft",
    {
      title: "Send a draft",
      description: "Send one of my drafts from my own address and remove it from Drafts. Returns the sent message's ID.",
      inputSchema: { id: z.string().min(1).max(64).describe("The draft's ID.") },
      outputSchema: { ID: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async ({ id }) => {
      const out = await ctx.services.drafts.send(ctx.user, id);
      return result(out, `Sent draft ${id} as message ${out.ID}.`);
    },
  );
}
