import { z } from "zod";
import { AddressSchema, MessagesSummarySchema, MessageSummarySchema } from "../../../domain/message-summary.js";
import { AppError } from "../../../errors.js";
import type { Services } from "../../../deps.js";
import type { ActingUser } from "../../../domain/acting-user.js";

/**
 * ToolContext is what every tool works with: the services, and the user of the connection's token.
 * Tools call the same services as the REST routes, so they enforce the same rules.
 */
export interface ToolContext {
  services: Services;
  user: ActingUser;
}

/** Tools return THE message summary (domain/message-summary.ts), as REST and the event stream do. */
export const SummaryOut = MessageSummarySchema;
export const PageOut = MessagesSummarySchema.shape;
export const AddressOut = AddressSchema;

/** result returns structured content plus a short text rendering for clients that show text. */
export function result(structured: object, text: string) {
  return { structuredContent: structured as Record<string, unknown>, content: [{ type: "text" as const, text }] };
}

/**
 * untrusted fences email content so an agent can tell data from instructions. The closing marker
 * is neutralised inside the content, so an email cannot end the fence early.
 */
export function untrusted(id: string, content: string): string {
  const safe = content.replace(/<\/?untrusted-email-content/gi, (m) => m.replace("<", "&lt;"));
  return `<untrusted-email-content message="${id}">\n${safe}\n</untrusted-email-content>`;
}

/** line renders one summary as a single line of text. */
export function line(m: z.infer<typeof SummaryOut>): string {
  const to = m.To.map((a) => a.Address).join(", ");
  return `${m.ID}  ${m.Created}  ${m.Read ? " " : "*"} from ${m.From.Address} to ${to}: ${JSON.stringify(m.Subject)}`;
}

/** requireIds refuses an empty ID list: over REST it would mean "all of my messages". */
export function requireIds(ids: string[]): string[] {
  if (ids.length === 0) throw new AppError("BAD_REQUEST", "give at least one message ID");
  return ids;
}
