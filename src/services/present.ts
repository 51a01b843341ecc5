import type { MailboxRow } from "../store/ports.js";
import type { Address } from "../mailpit/schemas.js";

/** MessageSummary is Mailpit's summary shape (mailpit-api.md §3.2) as one user sees it. */
export interface MessageSummary {
  ID: string;
  MessageID: string;
  Read: boolean;
  From: Address;
  To: Address[];
  Cc: Address[];
  Bcc: Address[];
  ReplyTo: Address[];
  Subject: string;
  Created: string;
  Username: string;
  Tags: string[];
  Size: number;
  Attachments: number;
  Snippet: string;
}

/** MessagesSummary is Mailpit's list/search page with every counter computed for one user. */
export interface MessagesSummary {
  total: number;
  unread: number;
  count: number;
  messages_count: number;
  messages_unread: number;
  start: number;
  tags: string[];
  messages: MessageSummary[];
}

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
  };
}
