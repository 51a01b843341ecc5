import { headerEnd, rawFields } from "./mime-headers.js";

/**
 * Bcc redaction for viewers who are not the sender (DESIGN §3.3). Mailpit writes envelope-only
 * recipients into a real `Bcc:` header (internal/smtpd/main.go SaveToDatabase) and names the first
 * envelope recipient, possibly a Bcc, in `Received: … for <rcpt>` (internal/smtpd/smtpd.go).
 */

// Linear on any input: a match starts only at the start of a whitespace run, and the local part
// holds no `@`. Without both, a sender's own Received header of one long run of spaces or of `@`s
// backtracked quadratically (16,000 `@`: 2.5 s) in the indexer and in every non-sender's read.
const FOR_CLAUSE = /(?<!\s)\s+for\s+<?[^\s<>;@]*@[^\s<>;]*>?(?=\s*;|\s*$)/gi;

/** redactReceived removes the `for <address>` clause from one Received header value. */
export function redactReceived(value: string): string {
  return value.replace(FOR_CLAUSE, "");
}

/** redactHeaders drops Bcc and the Received `for` clause from a Mailpit headers object. */
export function redactHeaders(headers: Record<string, string[]>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, values] of Object.entries(headers)) {
    const lower = name.toLowerCase();
    if (lower === "bcc") continue;
    out[name] = lower === "received" ? values.map(redactReceived) : values;
  }
  return out;
}

/**
 * redactRawHeaders rewrites the header section of a raw message (RFC 5322: up to the first empty
 * line), removing every `Bcc:` field with its folded continuation lines and the `for` clause of
 * `Received:` fields. The body is returned byte for byte.
 */
export function redactRawHeaders(raw: Buffer): Buffer {
  const end = headerEnd(raw);
  const head = raw.subarray(0, end).toString("latin1");
  const kept = rawFields(head)
    .filter((f) => !/^bcc\s*:/i.test(f))
    .map((f) => (/^received\s*:/i.test(f) ? redactFoldedReceived(f) : f));
  return Buffer.concat([Buffer.from(kept.join(""), "latin1"), raw.subarray(end)]);
}

/** redactFoldedReceived removes the `for` clause even when it sits on a folded continuation line. */
function redactFoldedReceived(field: string): string {
  const eol = /\r?\n$/.exec(field)?.[0] ?? "";
  const body = field.slice(0, field.length - eol.length);
  return redactReceived(body) + eol;
}

/** asViewer is a message's bytes (or just its header section) as one viewer may read them: whole for its sender, redacted for everyone else. */
export const asViewer = (raw: Buffer, isSender: boolean): Buffer => (isSender ? raw : redactRawHeaders(raw));
