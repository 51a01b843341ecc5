import type { Context } from "hono";
import type { z } from "zod";
import { AppError } from "../../errors.js";

/** parseOrThrow validates a value with zod; failures are 400 BAD_REQUEST with the zod issues. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string): z.infer<S> {
  const r = schema.safeParse(value);
  if (!r.success) {
    const issues = r.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    const first = issues[0];
    const message = first ? `invalid ${what}: ${first.path ? `${first.path}: ` : ""}${first.message}` : `invalid ${what}`;
    throw new AppError("BAD_REQUEST", message, issues);
  }
  return r.data;
}

/**
 * jsonBody reads and validates a JSON body. An empty body becomes `empty` when the route gives
 * one (Mailpit clients send no body to mean "all"); otherwise it is an error, like bad JSON.
 */
export async function jsonBody<S extends z.ZodType>(c: Context, schema: S, empty?: () => z.infer<S>): Promise<z.infer<S>> {
  const text = await c.req.text();
  if (text.trim() === "") {
    if (empty) return empty();
    throw new AppError("BAD_REQUEST", "a JSON body is required");
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "the body is not valid JSON");
  }
  return parseOrThrow(schema, value, "body");
}

/** query validates the query string (first value of each parameter, as Mailpit reads it). */
export function query<S extends z.ZodType>(c: Context, schema: S): z.infer<S> {
  const raw: Record<string, string> = {};
  const url = new URL(c.req.url);
  for (const [k, v] of url.searchParams) if (!(k in raw)) raw[k] = v;
  return parseOrThrow(schema, raw, "query");
}
