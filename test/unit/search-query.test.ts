import { describe, expect, it } from "vitest";
import { AppError } from "../../src/errors.js";
import { parseSearchQuery, tokenize } from "../../src/lib/search-query.js";

/** thrown runs `fn` and returns the AppError it throws (failing the test if it does not). */
function thrown(fn: () => unknown, what: string): AppError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error(`expected ${what} to be rejected`);
}

const badQuery = (query: string) => thrown(() => parseSearchQuery(query), JSON.stringify(query));

describe("tokenize", () => {
  it("Should split on spaces and drop empty runs", () => {
    expect(tokenize("  reset   code  ")).toEqual([
      { token: "reset", quoted: false },
      { token: "code", quoted: false },
    ]);
  });

  it("Should keep a quoted run with its spaces as one token and remove the quotes", () => {
    expect(tokenize('hello "reset code" world')).toEqual([
      { token: "hello", quoted: false },
      { token: "reset code", quoted: true },
      { token: "world", quoted: false },
    ]);
  });

  it("Should toggle quoting inside a word, as Mailpit does, joining the pieces into one token", () => {
    expect(tokenize('subject:"your order" a"b c"d')).toEqual([
      { token: "subject:your order", quoted: true },
      { token: "ab cd", quoted: true },
    ]);
  });

  it("Should return no tokens for an empty string or a pair of empty quotes", () => {
    expect(tokenize("")).toEqual([]);
    expect(tokenize('""')).toEqual([]);
  });

  it("Should throw BAD_REQUEST for an unbalanced quote instead of swallowing the rest", () => {
    const err = thrown(() => tokenize('from:alice "reset code'), "an unbalanced quote");
    expect(err.status).toBe(400);
    expect(err.code).toBe("BAD_REQUEST");
  });
});

describe("parseSearchQuery", () => {
  it("Should lower-case free words into ANDed text terms on any field", () => {
    expect(parseSearchQuery("Reset CODE")).toEqual([
      { kind: "text", field: "any", value: "reset", negate: false },
      { kind: "text", field: "any", value: "code", negate: false },
    ]);
  });

  it("Should keep a quoted phrase, spaces included, as one lower-cased text term", () => {
    expect(parseSearchQuery('"Your Reset Code" now')).toEqual([
      { kind: "text", field: "any", value: "your reset code", negate: false },
      { kind: "text", field: "any", value: "now", negate: false },
    ]);
  });

  it.each([
    ["from", "from"],
    ["to", "to"],
    ["cc", "cc"],
    ["bcc", "bcc"],
    ["reply-to", "reply-to"],
    ["addressed", "addressed"],
    ["subject", "subject"],
    ["message-id", "message-id"],
  ] as const)("Should read %s: as a lower-cased text term on the %s field", (prefix, field) => {
    expect(parseSearchQuery(`${prefix}:Alice@Example.TEST`)).toEqual([{ kind: "text", field, value: "alice@example.test", negate: false }]);
  });

  it("Should match prefixes case-insensitively", () => {
    expect(parseSearchQuery("SUBJECT:Hi From:bob")).toEqual([
      { kind: "text", field: "subject", value: "hi", negate: false },
      { kind: "text", field: "from", value: "bob", negate: false },
    ]);
  });

  it("Should take a quoted value after a prefix, spaces included", () => {
    expect(parseSearchQuery('subject:"Order Shipped" from:"Alice Smith"')).toEqual([
      { kind: "text", field: "subject", value: "order shipped", negate: false },
      { kind: "text", field: "from", value: "alice smith", negate: false },
    ]);
  });

  it("Should read tag: as a lower-cased tag term", () => {
    expect(parseSearchQuery("tag:Urgent")).toEqual([{ kind: "tag", value: "urgent", negate: false }]);
  });

  it.each([
    ["is:read", { kind: "is", value: "read" }],
    ["is:UNREAD", { kind: "is", value: "unread" }],
    ["is:tagged", { kind: "is", value: "tagged" }],
    ["is:Starred", { kind: "is", value: "starred" }],
    ["is:answered", { kind: "is", value: "answered" }],
    ["in:Sent", { kind: "in", folder: "Sent" }],
    ['in:"Projects/Q3 plans"', { kind: "in", folder: "Projects/Q3 plans" }],
    ["has:attachment", { kind: "has", value: "attachment" }],
    ["has:attachments", { kind: "has", value: "attachment" }],
    ["has:inline", { kind: "has", value: "inline" }],
    ["has:inlines", { kind: "has", value: "inline" }],
  ])("Should read %s", (query, term) => {
    expect(parseSearchQuery(query)).toEqual([{ ...term, negate: false }]);
  });

  it("Should read a YYYY-MM-DD date as UTC midnight", () => {
    expect(parseSearchQuery("after:2026-01-02 before:2026-02-01")).toEqual([
      { kind: "date", op: "after", ms: Date.UTC(2026, 0, 2, 0, 0, 0), negate: false },
      { kind: "date", op: "before", ms: Date.UTC(2026, 1, 1, 0, 0, 0), negate: false },
    ]);
    expect(parseSearchQuery("after:2026-01-02")[0]).toMatchObject({ ms: Date.parse("2026-01-02T00:00:00Z") });
  });

  it("Should read a full ISO 8601 time with its offset", () => {
    expect(parseSearchQuery("before:2026-11-21T17:22:36+01:00")).toEqual([
      { kind: "date", op: "before", ms: Date.UTC(2026, 10, 21, 16, 22, 36), negate: false },
    ]);
  });

  it.each([
    ["larger:500", "larger", 500],
    ["smaller:10kb", "smaller", 10 * 1024],
    ["larger:10K", "larger", 10 * 1024],
    ["larger:2mb", "larger", 2 * 1024 * 1024],
    ["smaller:1.5k", "smaller", 1536],
  ] as const)("Should read %s as a size in bytes", (query, op, bytes) => {
    expect(parseSearchQuery(query)).toEqual([{ kind: "size", op, bytes, negate: false }]);
  });

  it("Should negate a term with a leading - or !", () => {
    expect(parseSearchQuery('-from:alice !is:read -"reset code" !larger:1kb -word')).toEqual([
      { kind: "text", field: "from", value: "alice", negate: true },
      { kind: "is", value: "read", negate: true },
      { kind: "text", field: "any", value: "reset code", negate: true },
      { kind: "size", op: "larger", bytes: 1024, negate: true },
      { kind: "text", field: "any", value: "word", negate: true },
    ]);
  });

  it("Should treat a lone - as text, not as an empty negation", () => {
    expect(parseSearchQuery("-")).toEqual([{ kind: "text", field: "any", value: "-", negate: false }]);
  });

  it("Should treat URL-like tokens as free text, not as prefixes", () => {
    expect(parseSearchQuery("https://X.io/a mailto:bob@x.io -http://x.io/unsub")).toEqual([
      { kind: "text", field: "any", value: "https://x.io/a", negate: false },
      { kind: "text", field: "any", value: "mailto:bob@x.io", negate: false },
      { kind: "text", field: "any", value: "http://x.io/unsub", negate: true },
    ]);
  });

  it("Should search for a quoted term with an unknown prefix literally, as its error message advises", () => {
    expect(parseSearchQuery('"foo:bar"')).toEqual([{ kind: "text", field: "any", value: "foo:bar", negate: false }]);
  });

  it.each([
    ["an empty query", ""],
    ["a blank query", "   "],
    ["only empty quotes", '""'],
    ["an unbalanced quote", 'from:alice "reset code'],
    ["an unknown prefix", "foo:bar"],
    ["an unknown is: value", "is:flagged"],
    ["an unknown has: value", "has:nothing"],
    ["a word instead of a date", "before:yesterday"],
    ["an impossible month", "after:2026-13-01"],
    ["an impossible day", "before:2026-02-30"],
    ["a word instead of a size", "larger:big"],
    ["an unknown size unit", "smaller:10gb"],
    ["an empty prefix value", "from:"],
    ["an empty quoted prefix value", 'subject:""'],
  ])("Should reject %s with BAD_REQUEST", (_what, query) => {
    const err = badQuery(query);
    expect(err.code).toBe("BAD_REQUEST");
    expect(err.status).toBe(400);
    expect(err.message).not.toBe("");
  });

  it("Should name the offending term in the error message", () => {
    expect(badQuery("foo:bar").message).toContain("foo:");
    expect(badQuery("is:flagged").message).toContain("is:flagged");
    expect(badQuery("before:yesterday").message).toContain("before:yesterday");
    expect(badQuery("larger:big").message).toContain("larger:big");
    expect(badQuery("from:").message).toContain("from:");
  });

  it("Should accept 50 terms and refuse 51 with BAD_REQUEST naming the limit", () => {
    expect(parseSearchQuery(Array.from({ length: 50 }, (_, i) => `w${i}`).join(" "))).toHaveLength(50);
    const err = badQuery(Array.from({ length: 51 }, (_, i) => `w${i}`).join(" "));
    expect(err.message).toContain("at most 50");
  });
});
