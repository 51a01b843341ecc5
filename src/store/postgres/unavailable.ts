import { AppError } from "../../errors.js";

/** isConnectionError tells a lost or refused database connection from a failed statement. */
export function isConnectionError(err: unknown): boolean {
  for (let e = err as { code?: string; message?: string; cause?: unknown } | undefined; e; e = e.cause as typeof e) {
    const code = e.code ?? "";
    if (/^(08|57P0[123])/.test(code) || ["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "ENOTFOUND"].includes(code)) return true;
    if (/Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(e.message ?? ""))
      return true;
  }
  return false;
}

/**
 * answerUnavailable wraps every method of a port so that a database that cannot be reached is
 * one clear error (503 UPSTREAM_UNAVAILABLE, "the database is not reachable"), not an internal
 * error; the pool reconnects by itself once the server is back.
 */
export function answerUnavailable<T extends object>(port: T): T {
  const out = {} as Record<string, unknown>;
  for (const [name, value] of Object.entries(port)) {
    out[name] =
      typeof value === "function"
        ? async (...args: unknown[]) => {
            try {
              return await (value as (...a: unknown[]) => Promise<unknown>).apply(port, args);
            } catch (err) {
              if (isConnectionError(err))
                throw new AppError("UPSTREAM_UNAVAILABLE", "the database is not reachable", undefined, { cause: err });
              throw err;
            }
          }
        : value;
  }
  return out as T;
}
