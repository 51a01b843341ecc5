import MailComposer from "nodemailer/lib/mail-composer/index.js";
import PostalMime from "postal-mime";
import type { SendFields } from "../domain/send-input.js";

/**
 * A draft's fields to MIME and back: nodemailer's MailComposer writes the message (Mailpit stores
 * it), postal-mime reads it again for editing and sending. Only threading headers are kept from a
 * draft's own headers; Sandpit sets Message-ID and Date.
 */

/** THREAD_HEADERS are the draft headers that survive a round trip. */
const THREAD_HEADERS = ["In-Reply-To", "References"];

const named = (a: { Email: string; Name?: string | undefined }) => ({ address: a.Email, name: a.Name ?? "" });

/** composeMime writes a message from send fields; `keepBcc` writes the Bcc field too (a draft keeps it). */
export async function composeMime(f: SendFields, opts: { messageId: string; keepBcc: boolean; name: string }): Promise<Buffer> {
  const mail = new MailComposer({
    from: { address: f.From?.Email ?? "", name: f.From?.Name ?? opts.name },
    to: f.To.map(named),
    cc: f.Cc.map(named),
    bcc: f.Bcc,
    replyTo: f.ReplyTo.map(named),
    subject: f.Subject,
    text: f.Text || undefined,
    html: f.HTML || undefined,
    messageId: `<${opts.messageId}>`,
    headers: { ...f.Headers, ...(f.Tags.length ? { "X-Tags": f.Tags.join(", ") } : {}) },
    attachments: f.Attachments.map((a) => ({
      filename: a.Filename,
      content: a.Content.replace(/^data:[^,]*,/, ""),
      encoding: "base64",
      ...(a.ContentType ? { contentType: a.ContentType } : {}),
      ...(a.ContentID ? { cid: a.ContentID } : {}),
    })),
  });
  const node = mail.compile();
  (node as unknown as { keepBcc: boolean }).keepBcc = opts.keepBcc;
  return node.build();
}

/** readFields reads a stored message back into send fields (Bcc as the message's Bcc field says). */
export async function readFields(raw: Buffer): Promise<SendFields> {
  const m = await PostalMime.parse(raw);
  const list = (xs: { address?: string; name: string }[] | undefined) =>
    (xs ?? []).flatMap((x) => (x.address ? [{ Email: x.address, Name: x.name }] : []));
  const headers: Record<string, string> = {};
  for (const h of m.headers) {
    const key = THREAD_HEADERS.find((k) => k.toLowerCase() === h.key);
    if (key) headers[key] = h.value;
  }
  return {
    From: m.from?.address ? { Email: m.from.address, Name: m.from.name } : undefined,
    To: list(m.to as never),
    Cc: list(m.cc as never),
    Bcc: list(m.bcc as never).map((a) => a.Email),
    ReplyTo: list(m.replyTo as never),
    Subject: m.subject ?? "",
    Text: m.text ?? "",
    HTML: m.html ?? "",
    Attachments: m.attachments.map((a) => ({
      Filename: a.filename ?? "attachment",
      Content: Buffer.from(a.content as ArrayBuffer).toString("base64"),
      ContentType: a.mimeType,
      ...(a.contentId && a.disposition === "inline" ? { ContentID: a.contentId.replace(/^<|>$/g, "") } : {}),
    })),
    Tags: [],
    Headers: headers,
  };
}
