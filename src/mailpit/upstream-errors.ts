import { errors as undiciErrors } from "undici";
import { AppError } from "../errors.js";
import type { UpstreamResponse } from "./schemas.js";

/** How Mailpit's failures become Sandpit's errors (STYLE §4; mailpit-api.md §1.3 error shapes). */

/** mapStatus turns a Mailpit error status into an AppError (mailpit-api.md §1.3 error shapes). */
export function mapStatus(res: UpstreamResponse): AppError {
  const text = res.body.toString("utf8").slice(0, 500).trim();
  let message = text;
  try {
    const parsed = JSON.parse(text) as { Error?: unknown };
    if (typeof parsed.Error === "string") message = parsed.Error;
  } catch {
    // Mailpit's non-send errors are text/plain.
  }
  message = message.replace(/^Error:\s*/, "");
  switch (res.status) {
    case 404:
      return new AppError("NOT_FOUND", "message not found");
    case 400:
      return new AppError("BAD_REQUEST", message || "Mailpit rejected the request");
    case 413:
      return new AppError("PAYLOAD_TOO_LARGE", message || "message too large");
    default:
      return new AppError("UPSTREAM_UNAVAILABLE", `Mailpit answered ${res.status}`, { status: res.status });
  }
}

const TIMEOUT_CODES = new Set(["UND_ERR_CONNECT_TIMEOUT", "UND_ERR_HEADERS_TIMEOUT", "UND_ERR_BODY_TIMEOUT"]);

/** mapTransportError maps undici failures: timeouts to UPSTREAM_TIMEOUT, the rest to UNAVAILABLE. */
export function mapTransportError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  const code = (err as { code?: string } | null)?.code ?? "";
  if (TIMEOUT_CODES.has(code) || err instanceof undiciErrors.HeadersTimeoutError) {
    return new AppError("UPSTREAM_TIMEOUT", "Mailpit did not answer in time", undefined, { cause: err });
  }
  return new AppError("UPSTREAM_UNAVAILABLE", "Mailpit is unreachable", undefined, { cause: err });
}
