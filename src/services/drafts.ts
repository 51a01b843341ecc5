import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import { normalizeAddress } from "../lib/addresses.js";
import { composeMime, readFields } from "./draft-mime.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { senderAddress } from "../domain/compose.js";
import type { SendFields } from "../domain/send-input.js";
import type { MailboxService } from "./mailbox.js";
import type { MessageService } from "./messages.js";
import { HTTP_CLIENT, type SubmissionService } from "./submission.js";

/** DraftView is one of my drafts as I edit it: the send fields, Bcc included. */
export type DraftView = SendFields & { ID: string };

/**
 * DraftService keeps my drafts (DESIGN §2): Mailpit stores each one, only I own it, and nobody it
 * names gains anything until I send it through the one submission path (forced sender). Mailpit's
 * messages cannot change, so saving a draft stores a new one and answers its new ID.
 */
export interface DraftService {
  get(user: ActingUser, id: string): Promise<DraftView>;
  create(user: ActingUser, fields: SendFields): Promise<{ ID: string }>;
  update(user: ActingUser, id: string, fields: SendFields): Promise<{ ID: string }>;
  remove(user: ActingUser, id: string): Promise<void>;
  /** send sends the draft as it stands and removes it; answers the sent message's ID. */
  send(user: ActingUser, id: string): Promise<{ ID: string }>;
}

const newId = () => randomBytes(16).toString("base64url");
const noDraft = () => new AppError("NOT_FOUND", "draft not found");

export function createDraftService(deps: {
  store: Store;
  mailpit: MailpitClient;
  messages: MessageService;
  mailbox: MailboxService;
  submission: SubmissionService;
}): DraftService {
  const { store, mailpit, messages, mailbox, submission } = deps;

  /** ownDraft is one of my drafts, or the 404 a message that is not (or not a draft) gets. */
  async function ownDraft(user: ActingUser, id: string) {
    const row = await messages.own(user, id).catch((err: unknown) => {
      // Only "no such message of mine" reads as "no such draft"; a failing store stays a failure.
      if (err instanceof AppError && err.code === "NOT_FOUND") return undefined;
      throw err;
    });
    if (!row?.draft) throw noDraft();
    return row;
  }

  async function get(user: ActingUser, id: string): Promise<DraftView> {
    await ownDraft(user, id);
    const fields = await readFields(await mailpit.getRaw(id));
    // The envelope is the truth about whom the draft will go to: Mailpit's own Bcc field may name me.
    const envelope = await store.envelopes.forMessage(id);
    const named = new Set([...fields.To, ...fields.Cc].map((a) => normalizeAddress(a.Email)));
    return { ID: id, ...fields, Bcc: (envelope?.rcpts ?? []).filter((a) => !named.has(a)) };
  }

  async function create(user: ActingUser, fields: SendFields): Promise<{ ID: string }> {
    const from = senderAddress(fields.From?.Email, await store.users.addressesOf(user.id));
    const messageId = `${newId()}@sandpit`;
    const draft = { ...fields, From: { Email: from, Name: fields.From?.Name ?? user.name } };
    const raw = await composeMime(draft, { messageId, keepBcc: true, name: user.name });
    const rcpts = [...fields.To.map((a) => a.Email), ...fields.Cc.map((a) => a.Email), ...fields.Bcc];
    return submission.keep(user, { raw, messageId, from, rcpts });
  }

  const drop = (user: ActingUser, id: string) => mailbox.remove(user, { ids: [id] });

  return {
    get,
    create,
    async update(user, id, fields) {
      await ownDraft(user, id);
      const saved = await create(user, fields);
      await drop(user, id);
      return saved;
    },
    async remove(user, id) {
      await ownDraft(user, id);
      await drop(user, id);
    },
    async send(user, id) {
      const d = await get(user, id);
      const rcpts = [...d.To.map((a) => a.Email), ...d.Cc.map((a) => a.Email), ...d.Bcc];
      if (rcpts.length === 0) throw new AppError("BAD_REQUEST", "the draft has no recipient: add one in To, Cc or Bcc");
      const from = d.From?.Email ?? user.email;
      const raw = await composeMime(d, { messageId: `${newId()}@sandpit`, keepBcc: false, name: user.name });
      const sent = await submission.submitRaw({ user, mailFrom: from, rcpts, raw, client: HTTP_CLIENT });
      await drop(user, id);
      return sent;
    },
  };
}
