import type { Envelope, EnvelopeKind } from "../../domain/envelope.js";

/** EnvelopeRow is an envelope as both dialects store it (address lists as JSON). */
export interface EnvelopeRow {
  id: string;
  messageId: string | null;
  authUserId: number | null;
  mailFrom: string;
  rcptsJson: string;
  sendersJson: string;
  createdMs: number;
  kind: EnvelopeKind;
}

export const toEnvelopeRow = (e: Envelope): EnvelopeRow => ({
  id: e.id,
  messageId: e.messageId,
  authUserId: e.authUserId,
  mailFrom: e.mailFrom,
  rcptsJson: JSON.stringify(e.rcpts),
  sendersJson: JSON.stringify(e.senders),
  createdMs: e.createdMs,
  kind: e.kind ?? "mail",
});

export const fromEnvelopeRow = (r: EnvelopeRow): Envelope => ({
  id: r.id,
  messageId: r.messageId,
  authUserId: r.authUserId,
  mailFrom: r.mailFrom,
  rcpts: JSON.parse(r.rcptsJson) as string[],
  senders: JSON.parse(r.sendersJson) as string[],
  createdMs: r.createdMs,
  kind: r.kind,
});
