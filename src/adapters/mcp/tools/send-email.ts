import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { SendInputSchema } from "../../../services/submission.js";
import { result, type ToolContext } from "./shared.js";

const Addr = z.string().email();

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
        from: z.string().max(254).optional().describe("Optional; if given it must be my own address: any other sender is refused."),
        to: z.array(Addr).max(100).default([]).describe("Recipient addresses."),
        cc: z.array(Addr).max(100).default([]).describe("Cc addresses."),
        bcc: z.array(Addr).max(100).default([]).describe("Bcc addresses (only I will see them)."),
        subject: z.string().max(998).default("").describe("Subject (a reply without one gets the original's, with `Re: `)."),
        text: z.string().default("").describe("Plain-text body."),
        html: z.string().default("").describe("Optional HTML body."),
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
      const input = SendInputSchema.parse({
        ...(args.from ? { From: { Email: args.from } } : {}),
        To: to.map((Email) => ({ Email })),
        Cc: args.cc.map((Email) => ({ Email })),
        Bcc: args.bcc,
        Subject: subject,
        Text: args.text,
        HTML: args.html,
        Headers: headers,
      });
      const out = await ctx.services.submission.send(ctx.user, input);
      return result(out, `Sent message ${out.ID} to ${to.join(", ") || "(Cc/Bcc only)"}.`);
    },
  );
}
