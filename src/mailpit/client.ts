import { Pool } from "undici";
import type { z } from "zod";
import { AppError } from "../errors.js";
import {
  HeadersSchema,
  MessageSchema,
  MessagesSummarySchema,
  SendResponseSchema,
  type Message,
  type MessagesSummary,
  type SendRequest,
  type UpstreamResponse,
} from "./schemas.js";
import { mapStatus, mapTransportError } from "./upstream-errors.js";

export type { UpstreamResponse } from "./schemas.js";

interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  query?: Record<string, string | undefined>;
  json?: unknown;
  /** Basic-auth username stamped into the message as Mailpit's `Username` (send API only). */
  username?: string;
}

/** MailpitClient is Sandpit's only door to Mailpit: one method per upstream endpoint it uses. */
export type MailpitClient = ReturnType<typeof createMailpitClient>;

/**
 * createMailpitClient builds a client over an undici Pool. Every request is built here from
 * validated values (never a client's body), every body is read, and failures become AppErrors.
 * @param baseUrl Mailpit's HTTP root, e.g. http://127.0.0.1:8025 (credentials in the URL are
 *   sent as basic auth, for a Mailpit started with --ui-auth-file)
 */
export function createMailpitClient({ baseUrl, timeoutMs }: { baseUrl: string; timeoutMs: number }) {
  const url = new URL(baseUrl);
  const auth = url.username || url.password ? basic(decodeURIComponent(url.username), decodeURIComponent(url.password)) : undefined;
  const prefix = url.pathname.replace(/\/+$/, "");
  const pool = new Pool(url.origin, {
    connections: 16,
    connectTimeout: Math.min(timeoutMs, 5000),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  });

  async function request(opts: RequestOptions): Promise<UpstreamResponse> {
    const qs = new URLSearchParams();
    for (const [k, v] of Object.entries(opts.query ?? {})) if (v !== undefined) qs.set(k, v);
    const path = `${prefix}${opts.path}${qs.size ? `?${qs}` : ""}`;
    const headers: Record<string, string> = { accept: "application/json, */*" };
    if (opts.json !== undefined) headers["content-type"] = "application/json";
    // The send API stores the basic-auth username as the message's Username (mailpit-api.md §4).
    const authHeader = opts.username !== undefined && !auth ? basic(opts.username, "sandpit") : auth;
    if (authHeader) headers.authorization = authHeader;
    try {
      const res = await pool.request({
        method: opts.method ?? "GET",
        path,
        headers,
        body: opts.json === undefined ? undefined : JSON.stringify(opts.json),
      });
      const body = Buffer.from(await res.body.arrayBuffer());
      return {
        status: res.statusCode,
        contentType: headerValue(res.headers["content-type"]),
        contentDisposition: headerValue(res.headers["content-disposition"]),
        body,
      };
    } catch (err) {
      throw mapTransportError(err);
    }
  }

  /** ok returns the response when it is a 2xx and maps Mailpit's error statuses otherwise. */
  async function ok(opts: RequestOptions): Promise<UpstreamResponse> {
    const res = await request(opts);
    if (res.status >= 200 && res.status < 300) return res;
    throw mapStatus(res);
  }

  async function json<S extends z.ZodType>(schema: S, opts: RequestOptions): Promise<z.infer<S>> {
    const res = await ok(opts);
    const parsed = schema.safeParse(JSON.parse(res.body.toString("utf8")));
    if (!parsed.success) {
      throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit answered with an unexpected shape", {
        path: opts.path,
        issues: parsed.error.issues.slice(0, 5),
      });
    }
    return parsed.data;
  }

  const msg = (id: string) => `/api/v1/message/${encodeURIComponent(id)}`;
  const anyJson = { safeParse: (v: unknown) => ({ success: true as const, data: v }) } as unknown as z.ZodType<unknown>;

  return {
    /** ready is Mailpit's /readyz (no side effects). */
    async ready(): Promise<boolean> {
      try {
        return (await request({ path: "/readyz" })).status === 200;
      } catch {
        return false;
      }
    },
    listMessages(start: number, limit: number): Promise<MessagesSummary> {
      return json(MessagesSummarySchema, {
        path: "/api/v1/messages",
        query: { start: String(start), limit: String(limit) },
      });
    },
    /** searchByMessageId finds the summaries whose Message-ID contains `messageId`. */
    async searchByMessageId(messageId: string): Promise<MessagesSummary["messages"]> {
      const res = await json(MessagesSummarySchema, {
        path: "/api/v1/search",
        query: { query: `message-id:${messageId}`, limit: "10" },
      });
      return res.messages;
    },
    /** getMessage parses the message; note that Mailpit marks it read globally, which Sandpit ignores. */
    /**
     * saCheck is Mailpit's SpamAssassin check. A Mailpit started without --enable-spamassassin has
     * no such route (its 404 "File not found"): that is said plainly, never as "message not found".
     */
    async saCheck(id: string): Promise<unknown> {
      const res = await request({ path: `${msg(id)}/sa-check` });
      if (res.status === 404) {
        throw new AppError(
          "NOT_FOUND",
          `Mailpit has no spam checker (it answered: ${res.body.toString("utf8").trim().slice(0, 100)}); start it with --enable-spamassassin`,
        );
      }
      if (res.status < 200 || res.status >= 300) throw mapStatus(res);
      return JSON.parse(res.body.toString("utf8")) as unknown;
    },
    getMessage(id: string): Promise<Message> {
      return json(MessageSchema, { path: msg(id) });
    },
    getHeaders(id: string): Promise<Record<string, string[]>> {
      return json(HeadersSchema, { path: `${msg(id)}/headers` });
    },
    async getRaw(id: string): Promise<Buffer> {
      return (await ok({ path: `${msg(id)}/raw` })).body;
    },
    getPart(id: string, partId: string): Promise<UpstreamResponse> {
      return ok({ path: `${msg(id)}/part/${encodeURIComponent(partId)}` });
    },
    getThumb(id: string, partId: string): Promise<UpstreamResponse> {
      return ok({ path: `${msg(id)}/part/${encodeURIComponent(partId)}/thumb` });
    },
    htmlCheck(id: string): Promise<unknown> {
      return json(anyJson, { path: `${msg(id)}/html-check` });
    },
    linkCheck(id: string, follow: boolean): Promise<unknown> {
      return json(anyJson, { path: `${msg(id)}/link-check`, query: { follow: follow ? "true" : undefined } });
    },
    view(id: string, kind: "html" | "txt", embed: boolean): Promise<UpstreamResponse> {
      return ok({ path: `/view/${encodeURIComponent(id)}.${kind}`, query: { embed: embed ? "1" : undefined } });
    },
    /** send posts a body Sandpit built itself and returns Mailpit's ID ("" when Mailpit dropped it). */
    async send(body: SendRequest, username: string): Promise<string> {
      return (await json(SendResponseSchema, { method: "POST", path: "/api/v1/send", json: body, username })).ID;
    },
    /**
     * deleteMessage deletes exactly one message. One ID per request: an empty list would delete the
     * whole mailbox, and a list with missing IDs can wedge Mailpit's DB (mailpit-api.md §0 #3, #5).
     */
    async deleteMessage(id: string): Promise<void> {
      if (!/^[0-9A-Za-z]{1,64}$/.test(id)) throw new AppError("INTERNAL", "refusing to delete a malformed ID");
      await ok({ method: "DELETE", path: "/api/v1/messages", json: { IDs: [id] } });
    },
    info(): Promise<unknown> {
      return json(anyJson, { path: "/api/v1/info" });
    },
    webui(): Promise<unknown> {
      return json(anyJson, { path: "/api/v1/webui" });
    },
    getTags(): Promise<unknown> {
      return json(anyJson, { path: "/api/v1/tags" });
    },
    async setTags(ids: string[], tags: string[]): Promise<void> {
      if (ids.length === 0) return;
      await ok({ method: "PUT", path: "/api/v1/tags", json: { IDs: ids, Tags: tags } });
    },
    async renameTag(tag: string, name: string): Promise<void> {
      await ok({ method: "PUT", path: `/api/v1/tags/${encodeURIComponent(tag)}`, json: { Name: name } });
    },
    async deleteTag(tag: string): Promise<void> {
      await ok({ method: "DELETE", path: `/api/v1/tags/${encodeURIComponent(tag)}` });
    },
    getChaos(): Promise<unknown> {
      return json(anyJson, { path: "/api/v1/chaos" });
    },
    setChaos(triggers: unknown): Promise<unknown> {
      return json(anyJson, { method: "PUT", path: "/api/v1/chaos", json: triggers });
    },
    async release(id: string, to: string[]): Promise<void> {
      await ok({ method: "POST", path: `${msg(id)}/release`, json: { To: to } });
    },
    close(): Promise<void> {
      return pool.close();
    },
  };
}

function basic(user: string, pass: string): string {
  return `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}`;
}

function headerValue(v: string | string[] | undefined): string | undefined {
  return Array.isArray(v) ? v[0] : v;
}
