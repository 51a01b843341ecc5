import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { MAX_WAIT_MS } from "../../../services/wait.js";
import { line, result, SummaryOut, type ToolContext } from "./shared.js";

/** registerWaitForMessageTool: block until a matching message of mine arrives. */
export function registerWaitForMessageTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "wait_for_message",
    {
      title: "Wait for a message",
      description:
        "Wait until a message matching the filters arrives in my mailbox (e.g. after triggering a sign-up or password reset), " +
        "and return it. Only mail received after `since` (default: now) counts. Sends progress notifications; can be cancelled.",
      inputSchema: {
        to: z.string().max(254).optional().describe("Recipient address (or part of it) to match."),
        from: z.string().max(254).optional().describe("Sender address (or part of it) to match."),
        subject: z.string().max(500).optional().describe("Text the subject must contain."),
        query: z.string().max(2000).optional().describe("A search query, same syntax as search_messages."),
        since: z
          .string()
          .datetime({ offset: true })
          .optional()
          .describe("ISO 8601 time; only messages received at or after it. Default: now."),
        timeout_seconds: z
          .number()
          .min(1)
          .max(MAX_WAIT_MS / 1000)
          .default(60)
          .describe("How long to wait, 1-300 s."),
      },
      outputSchema: SummaryOut.shape,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ to, from, subject, query, since, timeout_seconds }, extra) => {
      const progressToken = extra._meta?.progressToken;
      const total = timeout_seconds * 1000;
      const m = await ctx.services.wait.waitFor(ctx.user, {
        to,
        from,
        subject,
        query,
        sinceMs: since ? Date.parse(since) : Date.now(),
        timeoutMs: total,
        signal: extra.signal,
        onProgress: (elapsed) => {
          if (progressToken === undefined) return;
          void extra
            .sendNotification({
              method: "notifications/progress",
              params: { progressToken, progress: Math.min(elapsed, total), total, message: "waiting for a matching message" },
            })
            .catch(() => undefined);
        },
      });
      return result(m, `Arrived: ${line(m)}`);
    },
  );
}
