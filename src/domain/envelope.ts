import { normalizeAddress } from "../lib/addresses.js";
import type { Role } from "./visibility.js";

/**
 * Envelope is what Sandpit records of each message that enters through it (SMTP, `/api/v1/send`,
 * MCP, the UI) before the client hears success (DESIGN §2): it is the truth about who owns the
 * message, where headers are only what the sender wrote.
 */
export interface Envelope {
  /** Random, unguessable: Sandpit's trace header names it, so a message can find its envelope. */
  id: string;
  /** The Mailpit message it became; null while the relay is under way. */
  messageId: string | null;
  /** The authenticated user who submitted it, if any. */
  authUserId: number | null;
  /** `MAIL FROM` (the reverse path), lower-cased; "" for a null reverse path. */
  mailFrom: string;
  /** Every `RCPT TO`, lower-cased, in order, without repeats. */
  rcpts: string[];
  /** The addresses that own the message as its sender (see senderOwners). */
  senders: string[];
  createdMs: number;
  /**
   * A draft is owned by its author alone: `rcpts` are whom it will go to once sent, who own nothing
   * yet. A kept message (IMAP APPEND) is owned by the user who stored it alone, and never delivered.
   */
  kind?: EnvelopeKind | undefined;
}

export type EnvelopeKind = "mail" | "draft" | "kept";

/** HeaderAddresses are the addresses a message's own header fields name (strictly parsed). */
export interface HeaderAddresses {
  from: string[];
  to: string[];
  cc: string[];
}

/**
 * senderOwners decides who owns a message as its sender (DESIGN §3.5): an authenticated user, by
 * the `MAIL FROM` that was checked to be theirs; for unauthenticated mail nobody, unless the
 * deployment trusts `From` headers (SANDPIT_SMTP_TRUST_FROM), because any app can write any From.
 */
export function senderOwners(input: { authenticated: boolean; mailFrom: string; from: string[]; trustFrom: boolean }): string[] {
  if (input.authenticated) return input.mailFrom ? [normalizeAddress(input.mailFrom)] : [];
  return input.trustFrom ? input.from.map(normalizeAddress) : [];
}

/**
 * envelopeOwners lists the (address, role) pairs a message with an envelope is owned by: its
 * recorded senders, and exactly its `RCPT TO` recipients, each as To or Cc when a header names it
 * and as Bcc otherwise. Header addresses that were never recipients own nothing, a draft's
 * recipients own nothing until it is sent, and a kept message is its keeper's alone.
 */
export function envelopeOwners(
  env: Pick<Envelope, "rcpts" | "senders" | "kind">,
  headers: HeaderAddresses,
): { address: string; role: Role }[] {
  if (env.kind === "draft" || env.kind === "kept") return env.senders.map((address) => ({ address, role: "from" }));
  const to = new Set(headers.to.map(normalizeAddress));
  const cc = new Set(headers.cc.map(normalizeAddress));
  const out: { address: string; role: Role }[] = env.senders.map((address) => ({ address, role: "from" }));
  for (const r of env.rcpts) {
    const address = normalizeAddress(r);
    out.push({ address, role: to.has(address) ? "to" : cc.has(address) ? "cc" : "bcc" });
  }
  return out;
}

/** envelopeBcc is the envelope's Bcc: recipients that neither To nor Cc names. */
export function envelopeBcc(env: Pick<Envelope, "rcpts">, headers: HeaderAddresses): string[] {
  const named = new Set([...headers.to, ...headers.cc].map(normalizeAddress));
  return env.rcpts.map(normalizeAddress).filter((r) => !named.has(r));
}

/** TRACE_BY is the host name in Sandpit's own `Received:` trace field. */
export const TRACE_BY = "sandpit";

/**
 * traceField is the RFC 5321 §4.4 `Received:` line Sandpit prepends to each message it accepts.
 * It names the envelope (`id`), never a recipient: a `for` clause would show a Bcc to everyone.
 */
export function traceField(input: { envelopeId: string; helo: string; ip: string; protocol: string; date: Date }): string {
  const helo = input.helo.replace(/[^\w.\-[\]:]/g, "") || "unknown";
  return `Received: from ${helo} ([${input.ip}])\r\n\tby ${TRACE_BY} with ${input.protocol} id ${input.envelopeId};\r\n\t${input.date.toUTCString().replace("GMT", "+0000")}\r\n`;
}

/** traceId reads the envelope ID back from the first of Sandpit's trace fields among `received` values. */
export function traceId(received: string[]): string | undefined {
  for (const v of received) {
    const m = new RegExp(`\\bby ${TRACE_BY} with \\S+ id ([A-Za-z0-9_-]{16,64})\\b`).exec(v.replace(/\s+/g, " "));
    if (m) return m[1];
  }
  return undefined;
}
