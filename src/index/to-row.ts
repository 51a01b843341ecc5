import addressparser from "nodemailer/lib/addressparser/index.js";
import { addressText, normalizeAddress } from "../lib/addresses.js";
import { headerEnd, headerValues } from "../lib/mime-headers.js";
import { redactRawHeaders } from "../lib/redact.js";
import { bccOnlyTags } from "../lib/tags.js";
import type { HeaderAddresses } from "../domain/envelope.js";
import type { MessageSummary } from "../mailpit/schemas.js";
import type { IndexedAddress, MessageRow } from "../store/ports.js";
import type { Body } from "./read-body.js";

/** Body text kept for search is capped so one huge message cannot bloat the index. */
const MAX_BODY_CHARS = 200_000;

/**
 * INDEX_VERSION is stamped on every row; rows indexed by an older version are indexed again by
 * the next full walk, so a change in what the index derives reaches mail indexed before it.
 */
export const INDEX_VERSION = 3;

/** Fetched is what the indexer has of one message: its summary, raw source and the body read from it. */
export interface Fetched {
  summary: MessageSummary;
  body: Body;
  raw: Buffer;
  /** The envelope's Bcc, for mail that came with an envelope: it replaces what Mailpit derived. */
  envelopeBcc?: string[] | undefined;
}

/**
 * toIndexRow builds the index row for a message from its Mailpit summary (which has Created and
 * Snippet), its body (search text, inline counts) and its raw source (what a recipient
 * who is not the sender can read: size without the Bcc header, tags without Bcc-only tags).
 */
export function toIndexRow({ summary, body: content, raw, envelopeBcc }: Fetched): MessageRow {
  const bcc = envelopeBcc ? envelopeBcc.map((Address) => ({ Name: "", Address })) : summary.Bcc;
  const created = trimFraction(summary.Created);
  const body = content.text.slice(0, MAX_BODY_CHARS);
  const files = content.files.join(" ");
  const hidden = bccOnlyTags(summary.Tags, {
    bcc: bcc.map((a) => a.Address),
    visible: [summary.From, ...summary.To, ...summary.Cc].map((a) => a.Address),
    xTags: headerValues(raw, "x-tags").flatMap((v) => v.split(",")),
  });
  return {
    id: summary.ID,
    messageId: summary.MessageID,
    fromJson: JSON.stringify(summary.From),
    toJson: JSON.stringify(summary.To),
    ccJson: JSON.stringify(summary.Cc),
    bccJson: JSON.stringify(bcc),
    replyToJson: JSON.stringify(summary.ReplyTo),
    subject: summary.Subject,
    created,
    createdMs: Date.parse(created),
    username: summary.Username,
    tagsJson: JSON.stringify(summary.Tags),
    hiddenTagsJson: JSON.stringify(hidden),
    publicTagsJson: JSON.stringify(summary.Tags.filter((t) => !hidden.includes(t))),
    size: summary.Size,
    redactedSize: Math.max(0, summary.Size - (raw.length - redactRawHeaders(raw).length)),
    attachments: summary.Attachments,
    snippet: summary.Snippet,
    subjectText: summary.Subject.toLowerCase(),
    fromText: addressText(summary.From.Address || summary.From.Name ? [summary.From] : []),
    toText: addressText(summary.To),
    ccText: addressText(summary.Cc),
    bccText: addressText(bcc),
    replyToText: addressText(summary.ReplyTo),
    bodyText: `${body}\n${files}`.toLowerCase(),
    inlineCount: content.inlineCount,
    head: headOf(raw),
    lineEndPad: lineEndPadOf(raw),
    indexVersion: INDEX_VERSION,
    indexedAt: Date.now(),
  };
}

/** Header sections larger than this are not kept: IMAP reads such a message's header from Mailpit. */
const MAX_HEAD_BYTES = 64 * 1024;

/**
 * headOf is a message's header section with the blank line that ends it, one character per byte,
 * so IMAP can answer ENVELOPE and header fields without Mailpit; "" when it is too large or holds
 * a NUL (which PostgreSQL text cannot store).
 */
export function headOf(raw: Buffer): string {
  const end = headerEnd(raw);
  const cut = end >= raw.length ? raw.length : end + (raw[end] === 0x0d ? 2 : 1);
  if (cut > MAX_HEAD_BYTES || raw.subarray(0, cut).includes(0)) return "";
  return raw.subarray(0, cut).toString("latin1");
}

/**
 * lineEndPadOf is 2 when a message's last line has no CRLF, else 0. SMTP always ends a message with
 * CRLF, but Mailpit's send API (Sandpit's REST, MCP and UI send) and IMAP APPEND may not; POP3 must
 * end the last line before its terminating `.`, and counts those octets in LIST and STAT.
 */
export function lineEndPadOf(raw: Buffer): number {
  return raw.length === 0 || (raw[raw.length - 2] === 0x0d && raw[raw.length - 1] === 0x0a) ? 0 : 2;
}

/**
 * ownerAddresses lists every (address, role) pair of a message: the sender and To/Cc/Bcc. An
 * address counts only when a strict RFC 5322 parse of the raw header names it too: Mailpit's
 * lenient parser repairs `To: alice@x <dave@y>` into two recipients, but only dave@y was addressed
 * (alice@x is a display name), and a repair must never make anyone an owner.
 */
export function ownerAddresses(summary: MessageSummary, raw: Buffer): IndexedAddress[] {
  const out = new Map<string, IndexedAddress>();
  const add = (list: { Address: string }[], role: IndexedAddress["role"], header: string) => {
    const strict = strictAddresses(raw, header);
    for (const { Address } of list) {
      const a = normalizeAddress(Address);
      if (a.includes("@") && strict.has(a)) out.set(`${role} ${a}`, { address: a, role });
    }
  };
  add([summary.From], "from", "from");
  add(summary.To, "to", "to");
  add(summary.Cc, "cc", "cc");
  add(summary.Bcc, "bcc", "bcc");
  return [...out.values()];
}

/** headerAddresses are the addresses of From, To and Cc, strictly parsed (envelope roles use them). */
export function headerAddresses(raw: Buffer): HeaderAddresses {
  return { from: [...strictAddresses(raw, "from")], to: [...strictAddresses(raw, "to")], cc: [...strictAddresses(raw, "cc")] };
}

/** strictAddresses is every address the named header fields hold, groups flattened. */
function strictAddresses(raw: Buffer, header: string): Set<string> {
  type Parsed = { address?: string; group?: Parsed[] };
  const flat = (list: Parsed[]): string[] => list.flatMap((p) => (p.group ? flat(p.group) : p.address ? [p.address] : []));
  return new Set(
    headerValues(raw, header)
      .flatMap((v) => flat(addressparser(v) as Parsed[]))
      .map(normalizeAddress),
  );
}

/** trimFraction keeps millisecond precision: the websocket `new` event carries nanoseconds. */
export function trimFraction(created: string): string {
  return created.replace(/(\.\d{3})\d+/, "$1");
}
