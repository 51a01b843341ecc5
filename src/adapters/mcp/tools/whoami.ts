import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { result, type ToolContext } from "./shared.js";

/** registerWhoamiTool: who the agent is acting as, and the addresses whose mail it can see. */
export function registerWhoamiTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "whoami",
    {
      title: "Who am I",
      description: "Return the Sandpit user this agent acts as and the email addresses whose mail it can see and send from.",
      inputSchema: {},
      outputSchema: {
        email: z.string(),
        name: z.string(),
        isAdmin: z.boolean(),
        addresses: z.array(z.string()),
        domains: z.array(z.string()).describe("Catch-all domains: mail to any address there is mine too."),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => {
      const me = await ctx.services.auth.me(ctx.user);
      const { domains } = await ctx.services.addresses.list(ctx.user);
      const out = { email: me.user.email, name: me.user.name, isAdmin: me.user.isAdmin, addresses: me.addresses, domains };
      return result(out, `You are ${out.email}${out.name ? ` (${out.name})` : ""}; mailbox addresses: ${out.addresses.join(", ")}`);
    },
  );
}
