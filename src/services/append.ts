import { randomBytes } from "node:crypto";
import type { ActingUser } from "../domain/acting-user.js";
import type { Folder } from "../domain/folders.js";
import { AppError } from "../errors.js";
import { readHead } from "../lib/message-head.js";
import type { Store } from "../store/ports.js";
import { idsWithMessageId } from "./message-ids.js";
import type { MailboxService } from "./mailbox.js";
import type { SubmissionService } from "./submission.js";

/** AppendFlags are the flags a mail client stores a message with (IMAP APPEND). */
export interface AppendFlags {
  seen: boolean;
  flagged: boolean;
  answered: boolean;
  draft: boolean;
  deleted: boolean;
}

/**
 * appendMessage stores a message a mail client APPENDs into one of my folders, owned by me alone
 * (DESIGN §2): Mailpit keeps the bytes, relayed to me only, so nobody it names gains anything. A
 * message I already have (the client's copy of mail it just sent through Sandpit's SMTP, which is
 * in my Sent) is recognised by its Message-ID and placed, not stored twice. Answers its UID there.
 */
export async function appendMessage(
  deps: { store: Store; submission: SubmissionService; mailbox: MailboxService },
  user: ActingUser,
  folder: Folder,
  raw: Buffer,
  flags: AppendFlags,
): Promise<number> {
  const { store, submission, mailbox } = deps;
  // A message kept in Drafts is a draft, with or without \Draft (clients drop flags the folder does not keep).
  const draft = flags.draft || folder.role === "drafts";
  const head = await readHead(raw);
  const mid = head.messageId?.replace(/^<|>$/g, "");
  let [id] = mid ? await idsWithMessageId(store, user.id, mid) : [];
  if (id) await mailbox.copy(user, [id], folder);
  else {
    const kept = await submission.keep(user, {
      raw,
      messageId: mid ?? `${randomBytes(16).toString("base64url")}@sandpit`,
      from: user.email,
      rcpts: [],
      kind: draft ? "draft" : "kept",
    });
    id = kept.ID;
    // Kept mail lands in Sent and drafts in Drafts; from there it goes where the client put it.
    if (folder.role !== (draft ? "drafts" : "sent")) await mailbox.move(user, { ids: [id] }, folder.name);
  }
  if (flags.seen) await mailbox.setRead(user, { ids: [id] }, true);
  if (flags.flagged) await mailbox.setStarred(user, { ids: [id] }, true);
  if (flags.answered) await store.mailbox.setFlag(user.id, [id], "answered", true);
  if (flags.deleted) await store.mailbox.markInFolder(user.id, folder.id, [id], true);
  const entry = (await store.mailbox.entries(user.id, folder.id)).find((e) => e.id === id);
  if (!entry) throw new AppError("UPSTREAM_UNAVAILABLE", "the message was stored but is not in the folder yet; try again");
  return entry.uid;
}
