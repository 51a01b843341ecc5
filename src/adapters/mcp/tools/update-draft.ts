import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { DraftArgs, toFields } from "./draft-fields.js";
import { result, type ToolContext } from "./shared.js";

/** registerUpdateDraftTool: replace one of my drafts; the saved draft has a new ID. */
export function registerUpdateDraftTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "update_draft",
    {
      title: "Update a draft",
      description: "Replace the content of one of my drafts. The saved draft gets a new ID (returned); the old ID stops working.",
      inputSchema: { id: z.string().min(1).max(64).describe("The draft's ID."), ...DraftArgs },
      outputSchema: { ID: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args) => {
      const current = await ctx.services.drafts.get(ctx.user, args.id);
      const out = await ctx.services.drafts.update(ctx.user, args.id, toFields(args, current.Headers));
      return result(out, `Saved draft ${out.ID} (was ${args.id}).`);
    },
  );
}
