import { z } from "zod";

/**
 * THE message summary: Mailpit's MessageSummary shape (mailpit-api.md §3.2) as one user sees it.
 * REST lists and searches, the event stream, MCP tools and the web UI all carry this shape; the
 * zod schema is the one definition (MCP's output schemas are this schema).
 */
export const AddressSchema = z.object({ Name: z.string(), Address: z.string() });
export type Address = z.infer<typeof AddressSchema>;

export const MessageSummarySchema = z.object({
  ID: z.string(),
  MessageID: z.string(),
  /** My own read state (Mailpit's global flag is never shown). */
  Read: z.boolean(),
  From: AddressSchema,
  To: z.array(AddressSchema),
  Cc: z.array(AddressSchema),
  /** Only the sender sees the Bcc list. */
  Bcc: z.array(AddressSchema),
  ReplyTo: z.array(AddressSchema),
  Subject: z.string(),
  Created: z.string(),
  Username: z.string(),
  /** The tags I see: tags that only Bcc addresses produced are the sender's alone. */
  Tags: z.array(z.string()),
  /** The size of what I can read (without the Bcc header unless I sent it). */
  Size: z.number(),
  Attachments: z.number(),
  Snippet: z.string(),
  /** The folder of mine it is in (Inbox before Sent for mail to myself); "" when in none. */
  Folder: z.string(),
  /** My own star. */
  Starred: z.boolean(),
  /** Whether I replied to it through Sandpit. */
  Answered: z.boolean(),
});
export type MessageSummary = z.infer<typeof MessageSummarySchema>;

/** MessagesSummary is Mailpit's list/search page, with every counter computed for one user. */
export const MessagesSummarySchema = z.object({
  total: z.number().describe("messages in my mailbox"),
  unread: z.number().describe("unread messages in my mailbox"),
  count: z.number().describe("messages on this page"),
  messages_count: z.number().describe("messages matching (the whole mailbox for a list)"),
  messages_unread: z.number().describe("unread messages matching"),
  start: z.number(),
  tags: z.array(z.string()),
  messages: z.array(MessageSummarySchema),
});
export type MessagesSummary = z.infer<typeof MessagesSummarySchema>;
