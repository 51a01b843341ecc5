import type { Envelope } from "../domain/envelope.js";

/*
 * The store's ports beside the mailbox itself: coordination between processes (signals, the
 * poller's lease) and what the SMTP door keeps (envelopes, fault injection rules). ports.ts
 * gathers them into the Store.
 */

/**
 * Signals carries short notes between every process on one store (PostgreSQL LISTEN/NOTIFY, or an
 * in-process emitter for SQLite). Delivery is best effort: a listener that reconnects is told so.
 */
export interface Signals {
  /** publish sends a payload (at most 7,000 bytes) to every listener, this process's included. */
  publish(payload: string): Promise<void>;
  /** listen calls `onPayload` for each payload and `onGap` after a reconnect (notes may be lost). */
  listen(onPayload: (payload: string) => void, onGap: () => void): Promise<() => Promise<void>>;
}

/** Leadership is a held deployment-wide lease; `lost` settles if the store takes it away. */
export interface Leadership {
  lost: Promise<void>;
  release(): Promise<void>;
}

/**
 * EnvelopeStore keeps the envelope of each message that entered through Sandpit (DESIGN §2). An
 * envelope is created before the message is relayed and claimed by the message it became, once.
 */
export interface EnvelopeStore {
  create(envelope: Envelope): Promise<void>;
  /** claim ties a pending envelope to its Mailpit message; false when it belongs to another one. */
  claim(id: string, messageId: string): Promise<boolean>;
  find(id: string): Promise<Envelope | undefined>;
  forMessage(messageId: string): Promise<Envelope | undefined>;
  /** dropPendingBefore deletes envelopes never claimed by a message, created before `ms`. */
  dropPendingBefore(ms: number): Promise<number>;
}

/** ChaosStore keeps each user's SMTP fault injection rule (JSON of domain/chaos.ts). */
export interface ChaosStore {
  get(userId: number): Promise<string | undefined>;
  /** set stores a rule, or removes it (undefined). */
  set(userId: number, ruleJson: string | undefined): Promise<void>;
  /** forAddress is the rule of the user an address belongs to, if that user has one. */
  forAddress(address: string): Promise<string | undefined>;
}
