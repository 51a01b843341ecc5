import { z } from "zod";

/** AddressSchema is Mailpit's `{Name, Address}` pair (internal/storage/structs.go). */
export const AddressSchema = z.object({ Name: z.string(), Address: z.string() });
export type Address = z.infer<typeof AddressSchema>;

/** Mailpit's list responses send an empty address list as `null` (omitempty metadata). */
const AddressList = z
  .array(AddressSchema)
  .nullable()
  .optional()
  .transform((v) => v ?? []);

/** MessageSummarySchema is Mailpit's MessageSummary (list, search and the websocket `new` event). */
export const MessageSummarySchema = z.object({
  ID: z.string(),
  MessageID: z.string().default(""),
  Read: z.boolean().default(false),
  From: AddressSchema.nullable()
    .optional()
    .transform((v) => v ?? { Name: "", Address: "" }),
  To: AddressList,
  Cc: AddressList,
  Bcc: AddressList,
  ReplyTo: AddressList,
  Subject: z.string().default(""),
  Created: z.string(),
  Username: z.string().default(""),
  Tags: z
    .array(z.string())
    .nullable()
    .optional()
    .transform((v) => v ?? []),
  Size: z.number().default(0),
  Attachments: z.number().default(0),
  Snippet: z.string().default(""),
});
export type MessageSummary = z.infer<typeof MessageSummarySchema>;

/** MessagesSummarySchema is the `/api/v1/messages` page. */
export const MessagesSummarySchema = z.object({
  total: z.number(),
  messages_count: z.number().optional(),
  start: z.number().optional(),
  messages: z
    .array(MessageSummarySchema)
    .nullable()
    .transform((v) => v ?? []),
});
export type MessagesSummary = z.infer<typeof MessagesSummarySchema>;

export const AttachmentSchema = z.object({
  PartID: z.string(),
  FileName: z.string(),
  ContentType: z.string(),
  ContentID: z.string(),
  Size: z.number(),
  Checksums: z.object({ MD5: z.string(), SHA1: z.string(), SHA256: z.string() }).optional(),
});
export type Attachment = z.infer<typeof AttachmentSchema>;

/** MessageSchema is `GET /api/v1/message/{id}`; unknown keys pass through untouched. */
export const MessageSchema = z
  .object({
    ID: z.string(),
    MessageID: z.string(),
    From: AddressSchema.nullable().optional(),
    To: AddressList,
    Cc: AddressList,
    Bcc: AddressList,
    ReplyTo: AddressList,
    Subject: z.string(),
    Text: z.string().default(""),
    HTML: z.string().default(""),
    Inline: z
      .array(AttachmentSchema)
      .nullable()
      .transform((v) => v ?? []),
    Attachments: z
      .array(AttachmentSchema)
      .nullable()
      .transform((v) => v ?? []),
  })
  .loose();
export type Message = z.infer<typeof MessageSchema>;

/** HeadersSchema is `GET /api/v1/message/{id}/headers`: canonical header name to values. */
export const HeadersSchema = z.record(z.string(), z.array(z.string()));

/** SendResponseSchema is the send API's `{"ID": "…"}`. */
export const SendResponseSchema = z.object({ ID: z.string() });

/** EventSchema is one websocket frame from `/api/events`. */
export const EventSchema = z.object({ Type: z.string(), Data: z.unknown() });

/** SendRequest is the body Sandpit builds for Mailpit's send API (never the client's own body). */
export interface SendRequest {
  From: { Email: string; Name?: string };
  To?: { Email: string; Name?: string }[];
  Cc?: { Email: string; Name?: string }[];
  Bcc?: string[];
  ReplyTo?: { Email: string; Name?: string }[];
  Subject?: string;
  Text?: string;
  HTML?: string;
  Attachments?: { Content: string; Filename: string; ContentType?: string; ContentID?: string }[];
  Tags?: string[];
  Headers?: Record<string, string>;
}

/** UpstreamResponse is a fully read Mailpit response: status, the headers Sandpit may relay, body. */
export interface UpstreamResponse {
  status: number;
  contentType: string | undefined;
  contentDisposition: string | undefined;
  body: Buffer;
}
