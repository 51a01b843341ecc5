import { AppError } from "../errors.js";

/** SearchTerm is one ANDed condition of a search query. */
export type SearchTerm =
  | { kind: "text"; field: TextField; value: string; negate: boolean }
  | { kind: "is"; value: IsValue; negate: boolean }
  | { kind: "in"; folder: string; negate: boolean }
  | { kind: "has"; value: "attachment" | "inline"; negate: boolean }
  | { kind: "tag"; value: string; negate: boolean }
  | { kind: "date"; op: "before" | "after"; ms: number; negate: boolean }
  | { kind: "size"; op: "larger" | "smaller"; bytes: number; negate: boolean };

const IS_VALUES = ["read", "unread", "tagged", "starred", "answered"] as const;
export type IsValue = (typeof IS_VALUES)[number];

/** TextField names what a text term is matched against (a case-insensitive substring); `body` has no prefix (IMAP's SEARCH BODY). */
export type TextField = "any" | "from" | "to" | "cc" | "bcc" | "reply-to" | "addressed" | "subject" | "message-id" | "body";

const TEXT_PREFIXES: Record<string, TextField> = {
  from: "from",
  to: "to",
  cc: "cc",
  bcc: "bcc",
  "reply-to": "reply-to",
  addressed: "addressed",
  subject: "subject",
  "message-id": "message-id",
};

/** More terms than this is not a search a person or a test writes, and would nest too deep in SQL. */
export const MAX_TERMS = 50;

/** Prefixes that read as URLs, not as search terms, so `https://x` searches for the text. */
const URL_SCHEMES = new Set(["http", "https", "mailto", "ftp", "tel", "cid"]);

/**
 * tokenize splits a query the way Mailpit does (internal/storage/search.go): on spaces, with `"`
 * toggling a quoted run and being removed. Unlike Mailpit, an unbalanced quote is an error instead
 * of silently swallowing the rest of the query.
 */
export function tokenize(query: string): { token: string; quoted: boolean }[] {
  return scan(query).map(({ token, quoted }) => ({ token, quoted }));
}

/** scan is tokenize plus where in each token the first quote stood (-1: none). */
function scan(query: string): { token: string; quoted: boolean; quoteAt: number }[] {
  const out: { token: string; quoted: boolean; quoteAt: number }[] = [];
  let cur = "";
  let quoteAt = -1;
  let inQuote = false;
  for (const ch of query) {
    if (ch === '"') {
      inQuote = !inQuote;
      if (quoteAt < 0) quoteAt = cur.length;
    } else if (/\s/.test(ch) && !inQuote) {
      if (cur !== "") out.push({ token: cur, quoted: quoteAt >= 0, quoteAt });
      cur = "";
      quoteAt = -1;
    } else {
      cur += ch;
    }
  }
  if (inQuote) throw badQuery('unbalanced " in search query');
  if (cur !== "") out.push({ token: cur, quoted: quoteAt >= 0, quoteAt });
  return out;
}

/**
 * parseSearchQuery turns a query into terms: free words and "quoted phrases", `from:`, `to:`, `cc:`,
 * `bcc:`, `reply-to:`, `addressed:`, `subject:`, `message-id:`, `tag:`, `is:read|unread|tagged|starred|answered`,
 * `in:folder`, `has:attachment|inline`, `before:`/`after:` dates, `larger:`/`smaller:` sizes; a leading `-` or `!`
 * negates. Unknown syntax throws BAD_REQUEST.
 * @example parseSearchQuery('from:alice -is:read "reset code"')
 */
export function parseSearchQuery(query: string): SearchTerm[] {
  const tokens = scan(query.trim());
  if (tokens.length === 0) throw badQuery("search query is empty");
  if (tokens.length > MAX_TERMS) throw badQuery(`search query has ${tokens.length} terms; at most ${MAX_TERMS} are allowed`);
  return tokens.map(({ token, quoteAt }) => parseToken(token, quoteAt));
}

/**
 * parseToken reads one token. `quoteAt` is where its first quote stood: a quote before the colon
 * (`"foo:bar"`, `-"from: x"`) makes the whole token literal text, as the error for unknown
 * prefixes advises; a quote after it (`subject:"a b"`) only groups the value.
 */
function parseToken(raw: string, quoteAt: number): SearchTerm {
  let token = raw;
  let negate = false;
  let offset = 0;
  if ((token.startsWith("-") || token.startsWith("!")) && token.length > 1 && quoteAt !== 0) {
    negate = true;
    token = token.slice(1);
    offset = 1;
  }
  const m = /^([A-Za-z][A-Za-z-]*):(.*)$/s.exec(token);
  const prefixQuoted = quoteAt >= 0 && m !== null && quoteAt - offset <= m[1]!.length;
  if (!m || prefixQuoted) {
    return { kind: "text", field: "any", value: token.toLowerCase(), negate };
  }
  const prefix = m[1]!.toLowerCase();
  const value = m[2]!;
  if (URL_SCHEMES.has(prefix)) return { kind: "text", field: "any", value: token.toLowerCase(), negate };
  if (value === "") throw badQuery(`"${prefix}:" needs a value`);
  const field = TEXT_PREFIXES[prefix];
  if (field) return { kind: "text", field, value: value.toLowerCase(), negate };
  const v = value.toLowerCase();
  switch (prefix) {
    case "is":
      if ((IS_VALUES as readonly string[]).includes(v)) return { kind: "is", value: v as IsValue, negate };
      throw badQuery(`unknown "is:${value}"; use ${IS_VALUES.map((x) => `is:${x}`).join(", ")}`);
    case "in":
      return { kind: "in", folder: value, negate };
    case "has":
      if (v === "attachment" || v === "attachments") return { kind: "has", value: "attachment", negate };
      if (v === "inline" || v === "inlines") return { kind: "has", value: "inline", negate };
      throw badQuery(`unknown "has:${value}"; use has:attachment or has:inline`);
    case "tag":
      return { kind: "tag", value: v, negate };
    case "before":
    case "after":
      return { kind: "date", op: prefix, ms: parseDate(value, prefix), negate };
    case "larger":
    case "smaller":
      return { kind: "size", op: prefix, bytes: parseSize(value, prefix), negate };
    default:
      throw badQuery(`unknown search term "${prefix}:"; put the text in quotes to search for it literally`);
  }
}

/** parseDate accepts YYYY-MM-DD (UTC midnight) or a full ISO 8601 / RFC 3339 time. */
function parseDate(value: string, prefix: string): number {
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const ms = Date.parse(dateOnly ? `${value}T00:00:00Z` : value);
  // Date.parse rolls impossible days over (2026-02-30 becomes March 2): compare the day back.
  const sameDay = !Number.isNaN(ms) && (!dateOnly || new Date(ms).toISOString().slice(0, 10) === value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || !sameDay) {
    throw badQuery(`"${prefix}:${value}" is not a date; use YYYY-MM-DD or an ISO 8601 time`);
  }
  return ms;
}

function parseSize(value: string, prefix: string): number {
  const m = /^(\d+(?:\.\d+)?)(k|kb|m|mb)?$/i.exec(value);
  if (!m) throw badQuery(`"${prefix}:${value}" is not a size; use e.g. 500, 10kb or 2mb`);
  const unit = (m[2] ?? "").toLowerCase();
  const mult = unit.startsWith("m") ? 1024 * 1024 : unit.startsWith("k") ? 1024 : 1;
  return Math.round(Number(m[1]) * mult);
}

function badQuery(message: string): AppError {
  return new AppError("BAD_REQUEST", message);
}
