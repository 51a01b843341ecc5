import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { result, untrusted, type ToolContext } from "./shared.js";

/** registerExtractCodesTool: one-time codes in a message, most likely first. */
export function registerExtractCodesTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "extract_codes",
    {
      title: "Extract one-time codes",
      description:
        "Find one-time codes (OTP, verification, sign-in codes such as 123456, 381-442 or AB12CD) in one of my messages, most likely first. " +
        "`code` has spaces and dashes removed, ready to type.",
      inputSchema: {
        id: z.string().min(1).max(64).describe('The message ID, or "latest".'),
      },
      outputSchema: {
        ID: z.string(),
        codes: z.array(z.object({ code: z.string(), raw: z.string(), score: z.number(), context: z.string() })),
      },
      annotations: { readOnlyHint: false, idempotentHint: true, openWorldHint: false },
    },
    async ({ id }) => {
      const out = await ctx.services.extract.codes(ctx.user, id);
      const best = out.codes[0];
      const text = best
        ? `Most likely code: ${best.code}\n${untrusted(out.ID, out.codes.map((c) => `${c.code} (score ${c.score}): ${c.context}`).join("\n"))}`
        : "No code found.";
      return result(out, text);
    },
  );
}
