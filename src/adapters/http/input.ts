import type { Env, MiddlewareHandler } from "hono";
import { validator } from "hono/validator";
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

/** The validated-input type a `jsonInput(schema)` middleware adds to its route. */
export type JsonInput<S extends z.ZodType> = { in: { json: z.input<S> }; out: { json: z.output<S> } };

/**
 * jsonInput validates a JSON body before the handler, which reads it with `c.req.valid("json")`.
 * Hono's own `validator("json")` cannot be used: it yields `{}` when the Content-Type is not JSON,
 * but `curl -d` sends `application/x-www-form-urlencoded` and Mailpit parses the body anyway; and it
 * fails on an empty body, which Mailpit clients send to mean "all". So this reads the text itself,
 * whatever the Content-Type. Body limits and auth are mounted earlier and still run first.
 *
 * @param schema - the zod schema the parsed body must match (400 BAD_REQUEST with its issues if not)
 * @param empty - the value an empty body stands for; without it an empty body is a 400
 * @returns a middleware that stores the parsed body as the route's `json` input
 * @example
 * .put("/messages", jsonInput(SetReadBody, () => ({ Read: false })), async (c) => {
 *   const body = c.req.valid("json");
 * })
 */
export function jsonInput<S extends z.ZodType, E extends Env = Env, P extends string = string>(
  schema: S,
  empty?: () => z.output<S>,
): MiddlewareHandler<E, P, JsonInput<S>> {
  return async function jsonInputMiddleware(c, next) {
    const text = await c.req.text();
    let data: z.output<S>;
    if (text.trim() === "") {
      if (!empty) throw new AppError("BAD_REQUEST", "a JSON body is required");
      data = empty();
    } else {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new AppError("BAD_REQUEST", "the body is not valid JSON");
      }
      data = parseOrThrow(schema, value, "body");
    }
    c.req.addValidatedData("json", data as object);
    await next();
  };
}

/**
 * queryInput validates the query string with Hono's `validator("query")`. A repeated parameter
 * counts by its first value, as Mailpit reads it (Hono would hand over an array).
 *
 * @param schema - the zod schema for the parameters (400 BAD_REQUEST with its issues if they fail)
 * @returns a middleware that stores the parsed parameters as the route's `query` input
 * @example
 * .get("/search", queryInput(SearchQuery), async (c) => c.json(await search(c.req.valid("query"))))
 */
export function queryInput<S extends z.ZodType>(schema: S) {
  return validator("query", (value) => {
    const first = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
    return parseOrThrow(schema, first, "query");
  });
}
