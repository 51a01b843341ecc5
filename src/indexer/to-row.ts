import type { IndexedAddress } from "../db/repos/messages.js";
import type { NewMessageRow } from "../db/schema.js";
import { addressText, normalizeAddress } from "../lib/addresses.js";
import type { Message, MessageSummary } from "../mailpit/schemas.js";

/** Body text kept for search is capped so one huge message cannot bloat the index. */
const MAX_BODY_CHARS = 200_000;

/**
 * toIndexRow builds the index row for a message from its Mailpit summary (which has Created and
 * Snippet) and its parsed content (for body search and inline counts).
 */
export function toIndexRow(summary: MessageSummary, message: Message | undefined): NewMessageRow {
  const created = trimFraction(summary.Created);
  const body = message ? (message.Text || htmlToText(message.HTML)).slice(0, MAX_BODY_CHARS) : summary.Snippet;
  const files = message ? [...message.Attachments, ...message.Inline].map((a) => a.FileName).join(" ") : "";
  return {
    id: summary.ID,
    messageId: summary.MessageID,
    fromJson: JSON.stringify(summary.From),
    toJson: JSON.stringify(summary.To),
    ccJson: JSON.stringify(summary.Cc),
    bccJson: JSON.stringify(summary.Bcc),
    replyToJson: JSON.stringify(summary.ReplyTo),
    subject: summary.Subject,
    created,
    createdMs: Date.parse(created),
    username: summary.Username,
    tagsJson: JSON.stringify(summary.Tags),
    size: summary.Size,
    attachments: summary.Attachments,
    snippet: summary.Snippet,
    subjectText: summary.Subject.toLowerCase(),
    fromText: addressText(summary.From.Address || summary.From.Name ? [summary.From] : []),
    toText: addressText(summary.To),
    ccText: addressText(summary.Cc),
    bccText: addressText(summary.Bcc),
    replyToText: addressText(summary.ReplyTo),
    bodyText: `${body}\n${files}`.toLowerCase(),
    inlineCount: message?.Inline.length ?? 0,
    indexedAt: Date.now(),
  };
}

/** ownerAddresses lists every (address, role) pair of a summary: the sender and To/Cc/Bcc. */
export function ownerAddresses(summary: MessageSummary): IndexedAddress[] {
  const out = new Map<string, IndexedAddress>();
  const add = (address: string, role: IndexedAddress["role"]) => {
    const a = normalizeAddress(address);
    if (a.includes("@")) out.set(`${role} ${a}`, { address: a, role });
  };
  add(summary.From.Address, "from");
  for (const a of summary.To) add(a.Address, "to");
  for (const a of summary.Cc) add(a.Address, "cc");
  for (const a of summary.Bcc) add(a.Address, "bcc");
  return [...out.values()];
}

/** trimFraction keeps millisecond precision: the websocket `new` event carries nanoseconds. */
export function trimFraction(created: string): string {
  return created.replace(/(\.\d{3})\d+/, "$1");
}

/** htmlToText is a rough tag stripper: good enough for substring search, not for display. */
export function htmlToText(html: string): string {
  return html
    .replace(/<(script|style|head)[^>]*>[\s\S]*?<\/\1>/gi, " ")
    .replace(/<[^>]+>/g, " ")
    .replace(/&nbsp;/gi, " ")
    .replace(/&amp;/gi, "&")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;/gi, "'")
    .replace(/\s+/g, " ")
    .trim();
}
