import PostalMime from "postal-mime";
import { htmlToText } from "../lib/html-text.js";

/** Body is what the index derives from a message's content: its text for search, and its files. */
export interface Body {
  /** The plain text part, else the HTML part as text (what Mailpit's own search reads). */
  text: string;
  /** The file names of its attachments and inline parts. */
  files: string[];
  /** How many parts are inline (shown in the body: `Content-Disposition: inline`, or related by Content-ID). */
  inlineCount: number;
}

/**
 * readBody parses a raw message with postal-mime, so the indexer reads only the source from Mailpit
 * (not also Mailpit's parse of it: one request per message instead of two). The split follows
 * Mailpit's: a part that is inline or related is Inline, every other non-body part an Attachment, and
 * an attached message is a file (its text is not the body's). Unlike Mailpit, an inline text part is
 * read as body text, and an HTML-only body is searched as its words without Mailpit's `*bold*` marks.
 */
export async function readBody(raw: Buffer): Promise<Body> {
  const email = await PostalMime.parse(raw, { attachmentEncoding: "arraybuffer", forceRfc822Attachments: true });
  const inline = email.attachments.filter((a) => a.disposition === "inline" || a.related);
  return {
    text: email.text?.trim() ? email.text : htmlToText(email.html ?? ""),
    files: email.attachments.map((a) => a.filename ?? "").filter(Boolean),
    inlineCount: inline.length,
  };
}
