import { randomBytes } from "node:crypto";
import { AppError } from "../errors.js";
import type { MessageIndexer } from "../index/index-message.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { SendRequest } from "../mailpit/schemas.js";
import type { Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import { draftFrom, senderAddress, type Draft, type DraftKind } from "../domain/compose.js";
import type { SendInput } from "../domain/send-input.js";
import type { MessageService } from "./messages.js";

export { SendInputSchema, type SendInput } from "../domain/send-input.js";

/** SendService sends mail as the acting user: the From address is always theirs. */
export interface SendService {
  send(user: ActingUser, input: SendInput): Promise<{ ID: string }>;
  /** draft is a reply, reply-all or forward of one of my messages, ready to edit and send. */
  draft(user: ActingUser, id: string, kind: DraftKind): Promise<Draft>;
}

export function createSendService({
  store,
  mailpit,
  indexer,
  messages,
}: {
  store: Store;
  mailpit: MailpitClient;
  indexer: MessageIndexer;
  messages: MessageService;
}): SendService {
  return {
    /**
     * send forces the sender (DESIGN §3.6): an omitted From becomes the user's address, another
     * address is refused. Sandpit sets its own Message-ID, and indexes the message before it
     * returns so the sender sees it at once (read-your-writes).
     */
    async send(user, input) {
      const from = senderAddress(input.From?.Email, await store.users.addressesOf(user.id));
      const messageId = `${randomBytes(16).toString("hex")}@sandpit`;
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
      const id = await mailpit.send(body, user.email);
      if (!id) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit accepted the request but stored no message");
      await indexer.indexById(id, messageId);
      return { ID: id };
    },

    async draft(user, id, kind) {
      const m = await messages.get(user, id);
      const original = { ...m, From: m.From ?? null, Date: typeof m.Date === "string" ? m.Date : "" };
      return draftFrom(original, kind, await store.users.addressesOf(user.id));
    },
  };
}
