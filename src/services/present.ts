import type { MailboxRow } from "../store/ports.js";
import type { Address, MessageSummary } from "../domain/message-summary.js";

export type { MessagesSummary, MessageSummary } from "../domain/message-summary.js";

/**
 * toSummary renders an index row for its viewer: their own read flag, and the Bcc list, the tags
 * that only Bcc addresses produced and the Bcc header's bytes in Size only when the viewer sent the
 * message (DESIGN §3.3).
 */
export function toSummary(row: MailboxRow): MessageSummary {
  return {
    ID: row.id,
    MessageID: row.messageId,
    Read: row.read,
    From: JSON.parse(row.fromJson) as Address,
    To: JSON.parse(row.toJson) as Address[],
    Cc: JSON.parse(row.ccJson) as Address[],
    Bcc: row.isSender ? (JSON.parse(row.bccJson) as Address[]) : [],
    ReplyTo: JSON.parse(row.replyToJson) as Address[],
    Subject: row.subject,
    Created: row.created,
    Username: row.username,
    Tags: JSON.parse(row.isSender ? row.tagsJson : row.publicTagsJson) as string[],
    Size: row.isSender ? row.size : row.redactedSize,
    Attachments: row.attachments,
    Snippet: row.snippet,
    Folder: row.folder ?? "",
    Starred: row.starred,
    Answered: row.answered,
  };
}
