/** MessageRow is one message as the index keeps it: Mailpit's summary plus what Sandpit derives. */
export interface MessageRow {
  id: string;
  messageId: string;
  fromJson: string;
  toJson: string;
  ccJson: string;
  bccJson: string;
  replyToJson: string;
  subject: string;
  created: string;
  createdMs: number;
  username: string;
  tagsJson: string;
  /** Tags that only Bcc plus-addresses produced: the sender alone sees them. */
  hiddenTagsJson: string;
  /** The tags everyone but the sender sees. */
  publicTagsJson: string;
  size: number;
  /** The size of what a recipient who is not the sender reads. */
  redactedSize: number;
  attachments: number;
  snippet: string;
  subjectText: string;
  fromText: string;
  toText: string;
  ccText: string;
  bccText: string;
  replyToText: string;
  bodyText: string;
  inlineCount: number;
  /** The header section as written, one character per byte (latin1); "" when not kept (see headOf). */
  head: string;
  /** 2 when the source's last line has no CRLF (a POP3 RETR ends it with one, RFC 1939 §3), else 0. */
  lineEndPad: number;
  indexVersion: number;
  indexedAt: number;
}
