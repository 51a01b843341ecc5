/** PostgreSQL's unique_violation: a concurrent write took the key first. */
export const UNIQUE_VIOLATION = "23505";

/** pgCode reads PostgreSQL's error code, which drizzle wraps in its own error's `cause`. */
export function pgCode(err: unknown): string | undefined {
  const e = err as { code?: string; cause?: { code?: string } };
  return e.code ?? e.cause?.code;
}
