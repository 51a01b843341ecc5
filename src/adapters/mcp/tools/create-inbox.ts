import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { CreateInboxSchema } from "../../../services/inboxes.js";
import { result, type ToolContext } from "./shared.js";

/** registerCreateInboxTool: a throwaway inbox for one test run, with its own token. */
export function registerCreateInboxTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "create_inbox",
    {
      title: "Create a throwaway inbox",
      description:
        "Create a fresh, private email address that lasts `expires_in_minutes`, with a token that reads only its mail " +
        "(give the address to the app under test, then read its mail over REST or another MCP connection with the token). " +
        "It and its mail are removed when it expires.",
      inputSchema: {
        expires_in_minutes: CreateInboxSchema.shape.expiresInMinutes.describe("How long the inbox lasts, in minutes."),
        name: CreateInboxSchema.shape.name.describe("A word to start the address with (letters, digits, . _ -)."),
      },
      outputSchema: { address: z.string(), token: z.string(), expiresAt: z.string() },
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    },
    async ({ expires_in_minutes, name }) => {
      const made = await ctx.services.inboxes.create(ctx.user, { expiresInMinutes: expires_in_minutes, ...(name ? { name } : {}) });
      const out = { address: made.address, token: made.token, expiresAt: made.expiresAt };
      return result(out, `Inbox ${out.address} until ${out.expiresAt}; its token reads its mail only.`);
    },
  );
}
