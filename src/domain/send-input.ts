import { z } from "zod";

/**
 * What a user may ask to send (Mailpit's send body, mailpit-api.md §4), validated field by field:
 * the same rules for REST, MCP and the web UI.
 */

const NO_CRLF = /^[^\r\n]*$/;
const text = (max: number) => z.string().max(max).regex(NO_CRLF, "must not contain CR or LF");

/** Plain header values: no line breaks, so nothing can be smuggled in as an extra header. */
const Name = text(200).optional();

const Recipient = (field: string) =>
  z
    .object({ Email: z.string().trim().max(254), Name })
    .strict()
    .superRefine((r, ctx) => {
      if (!z.email().safeParse(r.Email).success) {
        // Mailpit's own wording: Mailpit clients (cypress-mailpit) match on it.
        ctx.addIssue({ code: "custom", message: `invalid ${field} address: ${r.Email}`, path: ["Email"] });
      }
    });

/**
 * Header names that change identity or routing, or that Mailpit builds itself, can never be set
 * by the caller (DESIGN §3.6). Everything else must look like a real header name; X-Tags goes
 * through `Tags`.
 */
const FORBIDDEN_HEADERS = new Set([
  "from",
  "sender",
  "return-path",
  "bcc",
  "to",
  "cc",
  "reply-to",
  "received",
  "message-id",
  "date",
  "subject",
  "content-type",
  "content-transfer-encoding",
  "mime-version",
  "x-tags",
  "dkim-signature",
  "authentication-results",
  "arc-seal",
  "arc-message-signature",
  "arc-authentication-results",
  "delivered-to",
  "x-original-to",
  "resent-from",
  "resent-sender",
  "resent-to",
  "resent-cc",
  "resent-bcc",
]);

/** SendFieldsSchema is Mailpit's send body (mailpit-api.md §4), validated field by field; a draft is just this. */
export const SendFieldsSchema = z
  .object({
    From: z
      .object({ Email: z.string().trim().max(254), Name })
      .strict()
      .optional(),
    To: z.array(Recipient("To")).max(100).default([]),
    Cc: z.array(Recipient("Cc")).max(100).default([]),
    Bcc: z
      .array(
        z
          .string()
          .trim()
          .max(254)
          .refine((e) => z.email().safeParse(e).success, { error: "invalid Bcc address" }),
      )
      .max(100)
      .default([]),
    ReplyTo: z.array(Recipient("Reply-To")).max(10).default([]),
    Subject: text(998).default(""),
    Text: z.string().default(""),
    HTML: z.string().default(""),
    Attachments: z
      .array(
        z
          .object({
            Content: z.string().regex(/^(data:[^,]*,)?[A-Za-z0-9+/=\s]*$/, "must be base64"),
            Filename: text(255).min(1),
            ContentType: text(255).optional(),
            ContentID: text(255).optional(),
          })
          .strict(),
      )
      .max(50)
      .default([]),
    Tags: z
      .array(z.string().regex(/^[A-Za-z0-9\- _.@]{1,100}$/, "invalid tag name"))
      .max(20)
      .default([]),
    Headers: z
      .record(
        z
          .string()
          .regex(/^[!-9;-~]{1,76}$/, "invalid header name")
          .refine((n) => !FORBIDDEN_HEADERS.has(n.toLowerCase()), {
            error: "this header cannot be set: it changes identity or routing, or Sandpit builds it",
          }),
        text(998),
      )
      .default({}),
  })
  .strict();
export type SendFields = z.infer<typeof SendFieldsSchema>;

/** SendInputSchema is a send body with at least one recipient. */
export const SendInputSchema = SendFieldsSchema.refine((b) => b.To.length + b.Cc.length + b.Bcc.length > 0, {
  error: "at least one recipient is required in To, Cc or Bcc",
  path: ["To"],
});
export type SendInput = z.infer<typeof SendInputSchema>;
