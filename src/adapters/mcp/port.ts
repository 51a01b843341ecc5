import type { Draft, DraftKind } from "../../domain/compose.js";
import type { ExtractedCode, ExtractedLink } from "../../lib/extract.js";
import type { Message } from "../../mailpit/schemas.js";
import type { PublicUser } from "../../services/auth.js";
import type { MessagesSummary, MessageSummary } from "../../services/present.js";
import type { SendInput } from "../../services/send.js";
import type { WaitInput } from "../../services/wait.js";

/** WaitRequest is what wait_for_message asks for: the wait service's own input. */
export type WaitRequest = WaitInput;

/** Attachment bytes with their type. */
export interface AttachmentData {
  contentType: string;
  fileName: string | undefined;
  data: Buffer;
}

/**
 * MailPort is everything the MCP tools do, for one user. In-process it calls the services (the
 * HTTP /mcp endpoint); in the stdio entry it calls a running Sandpit's REST API. Both enforce the
 * same rules, because the REST API is itself a thin adapter over the same services.
 */
export interface MailPort {
  whoami(): Promise<{ user: PublicUser; addresses: string[] }>;
  list(start: number, limit: number): Promise<MessagesSummary>;
  search(query: string, start: number, limit: number): Promise<MessagesSummary>;
  get(id: string): Promise<Message>;
  attachment(id: string, partId: string): Promise<AttachmentData>;
  wait(req: WaitRequest): Promise<MessageSummary>;
  links(id: string): Promise<{ ID: string; links: ExtractedLink[] }>;
  codes(id: string): Promise<{ ID: string; codes: ExtractedCode[] }>;
  send(input: SendInput): Promise<{ ID: string }>;
  /** draft is a reply, reply-all or forward of one of my messages (domain/compose.ts). */
  draft(id: string, kind: DraftKind): Promise<Draft>;
  markRead(ids: string[], read: boolean): Promise<void>;
  remove(ids: string[]): Promise<void>;
}
