import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import type { MessageIndexer } from "../index/index-message.js";
import { normalizeAddress } from "../lib/addresses.js";
import { readHead } from "../lib/message-head.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Relay } from "../mailpit/relay.js";
import type { SendRequest } from "../mailpit/schemas.js";
import type { Store } from "../store/ports.js";
import type { RateLimits } from "./rate-limits.js";
import type { ActingUser } from "../domain/acting-user.js";
import { draftFrom, senderAddress, type Draft, type DraftKind } from "../domain/compose.js";
import { senderOwners, traceField, type Envelope } from "../domain/envelope.js";
import type { SendInput } from "../domain/send-input.js";
import { idsWithMessageId } from "./message-ids.js";
import type { MessageService } from "./messages.js";

export { SendInputSchema, type SendInput } from "../domain/send-input.js";

/** RawSubmission is one SMTP transaction: who, the envelope, the bytes, and where it came from. */
export interface RawSubmission {
  /** The authenticated user, or undefined for an app delivering without AUTH. */
  user: ActingUser | undefined;
  mailFrom: string;
  rcpts: string[];
  raw: Buffer;
  client: { ip: string; helo: string; protocol: string };
}

/**
 * SubmissionService is the one way mail enters (DESIGN §2): SMTP, `/api/v1/send`, MCP and the web
 * UI all record an envelope before Mailpit stores the message, and index it with the envelope's
 * owners before the client hears success, so every recipient already sees it (read-your-writes).
 */
export interface SubmissionService {
  /** send composes and sends as the acting user: the From address is always theirs. */
  send(user: ActingUser, input: SendInput): Promise<{ ID: string }>;
  /** submitRaw accepts one SMTP message; it returns the Mailpit ID once the message is owned. */
  submitRaw(s: RawSubmission): Promise<{ ID: string }>;
  /** checkMailFrom refuses, at `MAIL FROM`, a reverse path an authenticated session may not use. */
  checkMailFrom(user: ActingUser, mailFrom: string): Promise<void>;
  /** draft is a reply, reply-all or forward of one of my messages, ready to edit and send. */
  draft(user: ActingUser, id: string, kind: DraftKind): Promise<Draft>;
  /**
   * keep stores a draft of mine (or, `kind` "kept", a message a mail client APPENDs) in Mailpit,
   * owned by me alone: the recipients are recorded in its envelope but own nothing, and it is relayed
   * to me only. A draft is placed in my Drafts, a kept message in my Sent until it is moved.
   */
  keep(
    user: ActingUser,
    d: { raw: Buffer; messageId: string; from: string; rcpts: string[]; kind?: "draft" | "kept" },
  ): Promise<{ ID: string }>;
}

/** HTTP_CLIENT is how Sandpit's trace field names a message composed over HTTP (a draft, a sent draft). */
export const HTTP_CLIENT = { ip: "127.0.0.1", helo: "sandpit", protocol: "HTTP" };

const newId = () => randomBytes(16).toString("base64url");
/** idsIn reads the `<id>`s of an In-Reply-To value. */
const idsIn = (v: string) => v.match(/<[^<>\s]+>/g)?.map((id) => id.slice(1, -1)) ?? [];

/** mailFromOf refuses the null reverse path `<>` for a user: they send from one of their addresses. */
function mailFromOf(mailFrom: string): string {
  if (!mailFrom) throw new AppError("SENDER_FORBIDDEN", "an authenticated session sends from one of its own addresses, not <>");
  return mailFrom;
}

export function createSubmissionService({
  store,
  mailpit,
  relay,
  indexer,
  messages,
  trustFrom,
  limits,
}: {
  store: Store;
  mailpit: MailpitClient;
  relay: Relay | undefined;
  indexer: MessageIndexer;
  messages: MessageService;
  trustFrom: boolean;
  limits: RateLimits;
}): SubmissionService {
  /** deliver records the envelope, hands the message to Mailpit, and indexes it by its envelope. */
  async function deliver(
    envelope: Envelope,
    messageId: string,
    store_: () => Promise<string>,
    answers: string[] = [],
  ): Promise<{ ID: string }> {
    // Every door's mail counts against its sender's rate (drafts and kept copies go to nobody).
    if (envelope.authUserId !== null && (envelope.kind ?? "mail") === "mail") await limits.take("send", `user:${envelope.authUserId}`);
    await store.envelopes.create(envelope);
    // Mailpit's `new` event for this message waits for this relay, which indexes it with its envelope.
    const release = indexer.expect(messageId);
    let indexed: string | undefined;
    try {
      // On failure the envelope stays pending: Mailpit may have stored the message before the
      // connection broke, and then its event indexes it, tied to this envelope by its trace field.
      const stored = await store_();
      await indexer.indexById(stored, messageId, { ...envelope, messageId: stored });
      indexed = stored;
    } finally {
      release(indexed);
    }
    if (envelope.authUserId !== null && answers.length > 0) await markAnswered(envelope.authUserId, answers);
    return { ID: indexed };
  }

  /** markAnswered flags the messages of mine that a reply I sent answers (its In-Reply-To). */
  async function markAnswered(userId: number, messageIds: string[]): Promise<void> {
    for (const mid of messageIds.slice(0, 10)) {
      const ids = await idsWithMessageId(store, userId, mid);
      if (ids.length > 0) await store.mailbox.setFlag(userId, ids, "answered", true);
    }
  }

  /** relayOf is Mailpit's SMTP, which raw submissions and drafts need. */
  function relayOf(): Relay {
    if (!relay) throw new AppError("UPSTREAM_UNAVAILABLE", "Sandpit has no Mailpit SMTP to relay to (set MAILPIT_SMTP)");
    return relay;
  }

  return {
    /**
     * send forces the sender (DESIGN §3.5): an omitted From becomes the user's address, another
     * address is refused. Mailpit composes the MIME (its send API); Sandpit sets the Message-ID.
     */
    async send(user, input) {
      const from = senderAddress(input.From?.Email, await store.users.addressesOf(user.id));
      const messageId = `${newId()}@sandpit`;
      const rcpts = [...input.To.map((a) => a.Email), ...input.Cc.map((a) => a.Email), ...input.Bcc];
      const envelope = {
        id: newId(),
        messageId: null,
        authUserId: user.id,
        mailFrom: from,
        rcpts: [...new Set(rcpts.map(normalizeAddress))],
        senders: [from],
        createdMs: Date.now(),
      };
      const body: SendRequest = {
        From: { Email: from, Name: input.From?.Name ?? user.name },
        To: input.To,
        Cc: input.Cc,
        Bcc: input.Bcc,
        ReplyTo: input.ReplyTo,
        Subject: input.Subject,
        Text: input.Text,
        HTML: input.HTML,
        Attachments: input.Attachments,
        Tags: input.Tags,
        Headers: { ...input.Headers, "Message-ID": `<${messageId}>` },
      };
      const answers = Object.entries(input.Headers).flatMap(([k, v]) => (k.toLowerCase() === "in-reply-to" ? idsIn(v) : []));
      const store_ = async () => {
        const id = await mailpit.send(body, user.email);
        if (!id) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit accepted the request but stored no message");
        return id;
      };
      return deliver(envelope, messageId, store_, answers);
    },

    /**
     * submitRaw checks an authenticated session's sender (MAIL FROM and every From and Sender
     * address must be the user's own, by the same rule as send), then relays the bytes with
     * Sandpit's trace field on top (and a Message-ID when the message has none, as a submission
     * server may: RFC 6409 §8.3).
     */
    async submitRaw(s) {
      const relay = relayOf();
      const head = await readHead(s.raw);
      if (s.user) {
        const mine = await store.users.addressesOf(s.user.id);
        for (const a of [mailFromOf(s.mailFrom), ...head.from, ...head.sender]) senderAddress(a, mine);
      }
      const envelope: Envelope = {
        id: newId(),
        messageId: null,
        authUserId: s.user?.id ?? null,
        mailFrom: normalizeAddress(s.mailFrom),
        rcpts: [...new Set(s.rcpts.map(normalizeAddress))],
        senders: senderOwners({ authenticated: s.user !== undefined, mailFrom: s.mailFrom, from: head.from, trustFrom }),
        createdMs: Date.now(),
      };
      const messageId = head.messageId?.replace(/^<|>$/g, "") ?? `${envelope.id}@sandpit`;
      const trace = traceField({ envelopeId: envelope.id, ...s.client, date: new Date(envelope.createdMs) });
      const added = head.messageId ? "" : `Message-ID: <${messageId}>\r\n`;
      const bytes = Buffer.concat([Buffer.from(trace + added, "utf8"), s.raw]);
      return deliver(envelope, messageId, () => relay.relay({ from: s.mailFrom, to: envelope.rcpts }, bytes), head.inReplyTo);
    },

    async keep(user, d) {
      const relay = relayOf();
      const envelope: Envelope = {
        id: newId(),
        messageId: null,
        authUserId: user.id,
        mailFrom: d.from,
        rcpts: [...new Set(d.rcpts.map(normalizeAddress))],
        senders: [d.from],
        createdMs: Date.now(),
        kind: d.kind ?? "draft",
      };
      const trace = traceField({ envelopeId: envelope.id, ...HTTP_CLIENT, date: new Date(envelope.createdMs) });
      // Relayed to its keeper only: it is never delivered, whatever Mailpit forwards or relays.
      return deliver(envelope, d.messageId, () => relay.relay({ from: d.from, to: [d.from] }, Buffer.concat([Buffer.from(trace), d.raw])));
    },

    async checkMailFrom(user, mailFrom) {
      senderAddress(mailFromOf(mailFrom), await store.users.addressesOf(user.id));
    },

    async draft(user, id, kind) {
      const m = await messages.get(user, id);
      const original = { ...m, From: m.From ?? null, Date: typeof m.Date === "string" ? m.Date : "" };
      return draftFrom(original, kind, await store.users.addressesOf(user.id));
    },
  };
}
