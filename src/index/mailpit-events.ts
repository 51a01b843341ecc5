import { Agent, WebSocket, type Dispatcher } from "undici";
import type { Logger } from "../lib/log.js";
import { EventSchema } from "../mailpit/schemas.js";

/** EventStream is a live subscription to Mailpit's websocket; close() ends it for good. */
export interface EventStream {
  close(): void;
  isOpen(): boolean;
}

/**
 * UNCOMPRESSED opens the websocket without offering permessage-deflate (undici always offers it):
 * Mailpit's events are a few hundred bytes of JSON each, and inflating every one cost Sandpit 12%
 * of its CPU at Mailpit's full SMTP rate (profiled), with nothing to gain on loopback.
 */
export const UNCOMPRESSED: Dispatcher = new Agent().compose((dispatch) => (opts, handler) => {
  const headers = opts.headers;
  if (!headers || Array.isArray(headers) || typeof headers !== "object" || Symbol.iterator in headers) return dispatch(opts, handler);
  const kept = Object.fromEntries(Object.entries(headers).filter(([k]) => k.toLowerCase() !== "sec-websocket-extensions"));
  return dispatch({ ...opts, headers: kept }, handler);
});

/**
 * connectEvents holds one websocket to Mailpit's `/api/events` and reconnects with backoff.
 * Events are latency hints only: Mailpit drops them while nobody listens and does not order them
 * (mailpit-api.md §0 #11), so every (re)connect triggers a reconcile through `onOpen`.
 */
export function connectEvents(opts: {
  url: () => string;
  log: Logger;
  onEvent: (type: string, data: unknown) => void;
  onOpen: () => void;
  /** onClose: the socket closed (a reconnect follows unless close() was called). */
  onClose?: () => void;
}): EventStream {
  let ws: WebSocket | undefined;
  let closed = false;
  let open = false;
  let delay = 250;
  let retry: NodeJS.Timeout | undefined;

  const connect = () => {
    if (closed) return;
    const http = new URL(opts.url());
    const wsUrl = new URL(`${http.pathname.replace(/\/+$/, "")}/api/events`, http);
    wsUrl.protocol = http.protocol === "https:" ? "wss:" : "ws:";
    const headers: Record<string, string> = {};
    if (http.username || http.password) {
      const creds = `${decodeURIComponent(http.username)}:${decodeURIComponent(http.password)}`;
      headers.authorization = `Basic ${Buffer.from(creds).toString("base64")}`;
    }
    wsUrl.username = "";
    wsUrl.password = "";
    const socket = new WebSocket(wsUrl, { headers, dispatcher: UNCOMPRESSED });
    ws = socket;
    socket.addEventListener("open", () => {
      open = true;
      delay = 250;
      opts.log.debug("connected to Mailpit events");
      opts.onOpen();
    });
    socket.addEventListener("message", (ev) => {
      if (typeof ev.data !== "string") return;
      let parsed;
      try {
        parsed = EventSchema.safeParse(JSON.parse(ev.data));
      } catch {
        return;
      }
      if (parsed.success) opts.onEvent(parsed.data.Type, parsed.data.Data);
    });
    socket.addEventListener("close", () => {
      if (ws !== socket) return;
      open = false;
      opts.onClose?.();
      if (closed) return;
      retry = setTimeout(connect, delay);
      retry.unref();
      delay = Math.min(delay * 2, 5000);
    });
    socket.addEventListener("error", () => {
      // A close event follows; reconnecting happens there.
    });
  };
  connect();

  return {
    close() {
      closed = true;
      if (retry) clearTimeout(retry);
      try {
        ws?.close();
      } catch {
        // Already closed.
      }
    },
    isOpen: () => open,
  };
}
