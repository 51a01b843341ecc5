import type { ContentfulStatusCode } from "hono/utils/http-status";

/** ErrorCode is the API contract: every error response carries one of these. */
export type ErrorCode =
  | "BAD_REQUEST"
  | "UNAUTHORIZED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "METHOD_NOT_ALLOWED"
  | "CONFLICT"
  | "FOLDER_EXISTS"
  | "FOLDER_NOT_EMPTY"
  | "ADDRESS_TAKEN"
  | "PAYLOAD_TOO_LARGE"
  | "REGISTRATION_CLOSED"
  | "SENDER_FORBIDDEN"
  | "ADMIN_ONLY"
  | "SCOPE_REQUIRED"
  | "ACCOUNT_DISABLED"
  | "TOTP_REQUIRED"
  | "UPSTREAM_UNAVAILABLE"
  | "UPSTREAM_TIMEOUT"
  | "NOT_READY"
  | "WAIT_TIMEOUT"
  | "RATE_LIMITED"
  | "INTERNAL";

const STATUS: Record<ErrorCode, ContentfulStatusCode> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  REGISTRATION_CLOSED: 403,
  SENDER_FORBIDDEN: 403,
  ADMIN_ONLY: 403,
  SCOPE_REQUIRED: 403,
  ACCOUNT_DISABLED: 403,
  TOTP_REQUIRED: 401,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  WAIT_TIMEOUT: 408,
  CONFLICT: 409,
  FOLDER_EXISTS: 409,
  FOLDER_NOT_EMPTY: 409,
  ADDRESS_TAKEN: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UPSTREAM_UNAVAILABLE: 503,
  NOT_READY: 503,
  UPSTREAM_TIMEOUT: 504,
};

/** AppError is the one error class: services and adapters throw it, the HTTP layer renders it. */
export class AppError extends Error {
  readonly status: ContentfulStatusCode;
  /** When the client may try again (rendered as Retry-After, or the protocol's own wording). */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    options?: { cause?: unknown; retryAfterSeconds?: number },
  ) {
    super(message, options);
    this.name = "AppError";
    this.status = STATUS[code];
    this.retryAfterSeconds = options?.retryAfterSeconds;
  }
}

/** notFound is the single "no such message" error: a message that is not yours looks exactly like this. */
export function messageNotFound(): AppError {
  return new AppError("NOT_FOUND", "message not found");
}
