import { messageNotFound } from "../errors.js";
import { asViewer, redactHeaders } from "../lib/redact.js";
import { parseSearchQuery } from "../lib/search-query.js";
import type { MailpitClient, UpstreamResponse } from "../mailpit/client.js";
import type { Message } from "../mailpit/schemas.js";
import type { MailboxRow, Store } from "../store/ports.js";
import type { ActingUser } from "../domain/acting-user.js";
import type { MailboxEventsService } from "./mailbox-events.js";
import { toSummary } from "./present.js";

/** MessageService answers single-message reads for the messages a user owns. */
export interface MessageService {
  /** own resolves `id` (or `latest`, optionally narrowed by a search query) to an owned message. */
  own(user: ActingUser, id: string, query?: string): Promise<MailboxRow>;
  /** get returns the parsed message as this user may see it and marks it read for them only. */
  get(user: ActingUser, id: string, query?: string): Promise<Message>;
  headers(user: ActingUser, id: string, query?: string): Promise<Record<string, string[]>>;
  /** raw returns the source; for anyone but the sender without Bcc and Received `for` clauses. */
  raw(user: ActingUser, id: string, query?: string): Promise<{ id: string; body: Buffer }>;
  part(user: ActingUser, id: string, partId: string): Promise<UpstreamResponse>;
  thumb(user: ActingUser, id: string, partId: string): Promise<UpstreamResponse>;
  htmlCheck(user: ActingUser, id: string): Promise<unknown>;
  /** saCheck is Mailpit's spam check of my message (Mailpit's own error when it has no checker). */
  saCheck(user: ActingUser, id: string): Promise<unknown>;
  linkCheck(user: ActingUser, id: string, follow: boolean): Promise<unknown>;
  /** view renders the HTML or text body (Mailpit's /view routes) and marks it read. */
  view(user: ActingUser, id: string, kind: "html" | "txt", embed: boolean): Promise<UpstreamResponse>;
  /** viewInlined renders the HTML body with inline images embedded as data: URIs. */
  viewInlined(user: ActingUser, id: string): Promise<UpstreamResponse>;
}

/** Inline images embedded into one rendered view, at most this many bytes in all (every copy counts). */
const MAX_INLINE_BYTES = 5 * 1024 * 1024;

/**
 * createMessageService answers single-message reads. Every call first resolves the ID among the
 * caller's own messages (`latest` included): a message that is not theirs is NOT_FOUND, exactly
 * like one that does not exist (DESIGN §3.2). Only then is Mailpit asked, with the concrete ID.
 */
export function createMessageService({
  store,
  mailpit,
  events,
}: {
  store: Store;
  mailpit: MailpitClient;
  events: MailboxEventsService;
}): MessageService {
  async function own(user: ActingUser, id: string, query?: string): Promise<MailboxRow> {
    if (id === "latest") {
      const terms = query ? parseSearchQuery(query) : undefined;
      const row = (await store.mailbox.list(user.id, { terms, start: 0, limit: 1 })).rows[0];
      if (!row) throw messageNotFound();
      return row;
    }
    if (!/^[0-9A-Za-z]{1,64}$/.test(id)) throw messageNotFound();
    const row = await store.mailbox.findOwned(user.id, id);
    if (!row) throw messageNotFound();
    return row;
  }

  /** markRead marks a message read for me when I open it, and tells my other views. */
  async function markRead(user: ActingUser, row: MailboxRow): Promise<void> {
    if (row.read) return;
    const changed = await store.mailbox.setFlag(user.id, [row.id], "read", true);
    if (changed.length > 0) await events.changed(user, "read", changed);
  }

  return {
    own,

    /** get returns the parsed message and marks it read for this user only. */
    async get(user: ActingUser, id: string, query?: string): Promise<Message> {
      const row = await own(user, id, query);
      const message = await mailpit.getMessage(row.id);
      await markRead(user, row);
      if (row.isSender) return message;
      const seen = toSummary(row);
      return { ...message, Bcc: [], Tags: seen.Tags, Size: seen.Size };
    },

    async headers(user: ActingUser, id: string, query?: string): Promise<Record<string, string[]>> {
      const row = await own(user, id, query);
      const headers = await mailpit.getHeaders(row.id);
      return row.isSender ? headers : redactHeaders(headers);
    },

    /** raw returns the source; for anyone but the sender without Bcc and Received `for` clauses. */
    async raw(user: ActingUser, id: string, query?: string): Promise<{ id: string; body: Buffer }> {
      const row = await own(user, id, query);
      const raw = await mailpit.getRaw(row.id);
      return { id: row.id, body: asViewer(raw, row.isSender) };
    },

    async part(user: ActingUser, id: string, partId: string): Promise<UpstreamResponse> {
      return mailpit.getPart((await own(user, id)).id, partId);
    },

    async thumb(user: ActingUser, id: string, partId: string): Promise<UpstreamResponse> {
      return mailpit.getThumb((await own(user, id)).id, partId);
    },

    async htmlCheck(user: ActingUser, id: string): Promise<unknown> {
      return mailpit.htmlCheck((await own(user, id)).id);
    },

    async saCheck(user, id) {
      return mailpit.saCheck((await own(user, id)).id);
    },

    async linkCheck(user: ActingUser, id: string, follow: boolean): Promise<unknown> {
      const row = await own(user, id);
      const res = await mailpit.linkCheck(row.id, follow);
      await markRead(user, row);
      return res;
    },

    /** view renders the HTML or text body (Mailpit's /view routes) and marks it read. */
    async view(user: ActingUser, id: string, kind: "html" | "txt", embed: boolean): Promise<UpstreamResponse> {
      const row = await own(user, id);
      const res = await mailpit.view(row.id, kind, embed);
      await markRead(user, row);
      return res;
    },

    /**
     * viewInlined renders the HTML body with its inline parts (cid: images, which Mailpit links as
     * /api/v1/message/{id}/part/{PartID}) embedded as data: URIs. A sandboxed, opaque-origin frame
     * cannot fetch those same-origin links with the user's session, so the UI asks for this form.
     */
    async viewInlined(user: ActingUser, id: string): Promise<UpstreamResponse> {
      const row = await own(user, id);
      const [res, message] = await Promise.all([mailpit.view(row.id, "html", false), mailpit.getMessage(row.id)]);
      await markRead(user, row);
      let html = res.body.toString("utf8");
      let budget = MAX_INLINE_BYTES;
      for (const part of message.Inline) {
        if (part.Size > budget || !/^image\//i.test(part.ContentType)) continue;
        const link = `/api/v1/message/${row.id}/part/${part.PartID}`;
        if (!html.includes(link)) continue;
        const data = await mailpit.getPart(row.id, part.PartID);
        const uri = `data:${part.ContentType.replace(/[^\w.+/-]/g, "")};base64,${data.body.toString("base64")}`;
        // Every reference is a copy in the response: the budget pays for each one, and references
        // beyond it keep their link (the image stays blank) instead of growing the page without bound.
        const pieces = html.split(link);
        html = pieces[0]!;
        for (const piece of pieces.slice(1)) {
          const embed = uri.length <= budget;
          if (embed) budget -= uri.length;
          html += (embed ? uri : link) + piece;
        }
      }
      return { ...res, body: Buffer.from(html, "utf8") };
    },
  };
}
