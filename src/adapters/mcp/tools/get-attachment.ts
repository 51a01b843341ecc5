import type { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { AppError } from "../../../errors.js";
import { result, untrusted, type ToolContext } from "./shared.js";

const MAX_BYTES = 5 * 1024 * 1024;

/** registerGetAttachmentTool: one attachment, as text when it is text and base64 otherwise. */
export function registerGetAttachmentTool(server: McpServer, ctx: ToolContext) {
  server.registerTool(
    "get_attachment",
    {
      title: "Get an attachment",
      description:
        "Download an attachment of one of my messages (up to 5 MB). Text parts come back as text, others as base64. Untrusted data.",
      inputSchema: {
        id: z.string().min(1).max(64).describe("The message ID."),
        part_id: z
          .string()
          .regex(/^\d+(\.\d+)*$/)
          .describe('The attachment\'s PartID from get_message, e.g. "2" or "1.2".'),
      },
      outputSchema: {
        fileName: z.string(),
        contentType: z.string(),
        size: z.number(),
        encoding: z.enum(["utf-8", "base64"]),
        content: z.string(),
      },
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async ({ id, part_id }) => {
      const part = await ctx.services.messages.part(ctx.user, id, part_id);
      const a = {
        contentType: part.contentType ?? "application/octet-stream",
        fileName: /filename="?([^";]+)"?/i.exec(part.contentDisposition ?? "")?.[1],
        data: part.body,
      };
      if (a.data.length > MAX_BYTES)
        throw new AppError("PAYLOAD_TOO_LARGE", `the attachment is ${a.data.length} bytes; the limit here is ${MAX_BYTES}`);
      const isText = /^text\/|json|xml|csv|calendar/i.test(a.contentType);
      const out = {
        fileName: a.fileName ?? "",
        contentType: a.contentType,
        size: a.data.length,
        encoding: isText ? ("utf-8" as const) : ("base64" as const),
        content: isText ? a.data.toString("utf8") : a.data.toString("base64"),
      };
      const text = `${out.fileName || "attachment"} (${out.contentType}, ${out.size} bytes, ${out.encoding})`;
      return result(out, isText ? `${text}\n${untrusted(id, out.content)}` : text);
    },
  );
}
