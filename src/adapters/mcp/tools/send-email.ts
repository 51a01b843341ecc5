import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { SendInputSchema } from "../../../services/submission.js";
import { DraftArgs, toFields } from "./draft-fields.js";
import { result, type ToolContext } from "./shared.js";

/** registerSendEmailTool: send as myself, optionally as a reply to one of my messages. */
export function registerSendEmailTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "send_email",
    {
      title: "Send an email",
      description:
        "Send an email from my own address (the sender cannot be chosen). To reply, give reply_to_message_id: " +
        "the reply threads under that message and goes to its sender when `to` is empty.",
      inputSchema: {
        ...DraftArgs,
        subject: z.string().max(998).default("").describe("Subject (a reply without one gets the original's, with `Re: `)."),
        reply_to_message_id: z.string().max(64).optional().describe("ID of one of my messages to reply to."),
      },
      outputSchema: { ID: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async (args) => {
      let { to, subject } = args;
      let headers: Record<string, string> = {};
      if (args.reply_to_message_id) {
        // The reply's recipients, subject and threading come from the same rules as the web UI's.
        const draft = await ctx.services.submission.draft(ctx.user, args.reply_to_message_id, "reply");
        if (to.length === 0) to = draft.To;
        subject ||= draft.Subject;
        headers = draft.Headers;
      }
      const input = SendInputSchema.parse(toFields({ ...args, to, subject }, headers));
      const out = await ctx.services.submission.send(ctx.user, input);
      return result(out, `Sent message ${out.ID} to ${to.join(", ") || "(Cc/Bcc only)"}.`);
    },
  );
}
