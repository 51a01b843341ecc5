import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { AppError, type ErrorCode } from "../../errors.js";
import type { Logger } from "../../lib/log.js";

const BY_STATUS: Record<number, ErrorCode> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "FORBIDDEN",
  404: "NOT_FOUND",
  409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE",
  429: "RATE_LIMITED",
};

/** errorBody is the one error envelope: `{ error: { code, message, requestId, details? } }`. */
export function errorBody(c: Context, err: AppError) {
  const requestId = c.get("requestId") as string | undefined;
  return { error: { code: err.code, message: err.message, requestId, ...(err.details === undefined ? {} : { details: err.details }) } };
}

/** onError renders AppError as is, maps Hono's HTTPException by status, and logs the rest as 500. */
export function createErrorHandler(log: Logger): ErrorHandler {
  return function onError(err, c) {
    let appErr: AppError;
    if (err instanceof AppError) appErr = err;
    else if (err instanceof HTTPException) appErr = new AppError(BY_STATUS[err.status] ?? "BAD_REQUEST", err.message || "bad request");
    else {
      log.error("unhandled error", { error: err, path: c.req.path });
      appErr = new AppError("INTERNAL", "internal error");
    }
    if (appErr.code === "UNAUTHORIZED") {
      const basic = /^basic /i.test(c.req.header("authorization") ?? "");
      c.header("WWW-Authenticate", basic ? 'Basic realm="sandpit", Bearer realm="sandpit"' : 'Bearer realm="sandpit"');
    }
    if (appErr.retryAfterSeconds !== undefined) c.header("Retry-After", String(appErr.retryAfterSeconds));
    else if (appErr.status >= 500) c.header("Retry-After", "2");
    // The rest of an oversized body is not read: tell the client not to reuse this connection.
    if (appErr.code === "PAYLOAD_TOO_LARGE") c.header("Connection", "close");
    return c.json(errorBody(c, appErr), appErr.status);
  };
}

/** notFound answers unknown routes: they are denied, never proxied to Mailpit (DESIGN §3.7). */
export const notFound: NotFoundHandler = (c) => {
  const err = new AppError("NOT_FOUND", `no route for ${c.req.method} ${c.req.path}`);
  return c.json(errorBody(c, err), 404);
};
