import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { DraftKindSchema } from "../../../domain/compose.js";
import { DraftArgs, toFields } from "./draft-fields.js";
import { result, type ToolContext } from "./shared.js";

/** registerCreateDraftTool: save a draft of mine, optionally answering or forwarding one of my messages. */
export function registerCreateDraftTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "create_draft",
    {
      title: "Create a draft",
      description:
        "Save a draft in my Drafts folder. Nobody it names sees it until it is sent with send_draft. To answer or forward one of my " +
        "messages, give message_id and kind: recipients, subject, quoted text and threading come from the same rule as the web UI's.",
      inputSchema: {
        ...DraftArgs,
        message_id: z.string().max(64).optional().describe("One of my messages to reply to or forward."),
        kind: DraftKindSchema.default("reply").describe("reply, reply-all or forward (with message_id)."),
      },
      outputSchema: { ID: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args) => {
      let fields = toFields(args);
      if (args.message_id) {
        const d = await ctx.services.submission.draft(ctx.user, args.message_id, args.kind);
        fields = toFields(
          {
            ...args,
            to: args.to.length ? args.to : d.To,
            cc: args.cc.length ? args.cc : d.Cc,
            subject: args.subject || d.Subject,
            text: args.text || d.Text,
          },
          d.Headers,
        );
      }
      const out = await ctx.services.drafts.create(ctx.user, fields);
      return result(out, `Saved draft ${out.ID}.`);
    },
  );
}
