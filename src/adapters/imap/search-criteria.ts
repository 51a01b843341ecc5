import type { SearchTerm, TextField } from "../../lib/search-query.js";
import type { Token } from "./parse.js";
import { parseSequenceSet, type SequenceSet } from "./sequence.js";
import { ImapError } from "./session.js";

/**
 * IMAP SEARCH criteria (RFC 3501 §6.4.4) as a tree. Text keys become the index's search terms
 * (`index`), so they match what every other door's search matches; flags, dates, sizes and sets
 * are decided from the folder's entries; a header the index does not keep is read from the message.
 */
export type Criterion =
  | { k: "all" }
  | { k: "none" }
  | { k: "flag"; flag: "seen" | "flagged" | "answered" | "deleted" | "draft"; value: boolean }
  | { k: "set"; set: SequenceSet; uid: boolean }
  | { k: "index"; term: SearchTerm }
  | { k: "header"; name: string; value: string }
  | { k: "date"; op: "before" | "on" | "since"; dayMs: number }
  | { k: "size"; op: "larger" | "smaller"; bytes: number }
  | { k: "not"; c: Criterion }
  | { k: "or"; a: Criterion; b: Criterion }
  | { k: "and"; cs: Criterion[] };

const FLAGS: Record<string, Extract<Criterion, { k: "flag" }>> = {
  SEEN: { k: "flag", flag: "seen", value: true },
  UNSEEN: { k: "flag", flag: "seen", value: false },
  FLAGGED: { k: "flag", flag: "flagged", value: true },
  UNFLAGGED: { k: "flag", flag: "flagged", value: false },
  ANSWERED: { k: "flag", flag: "answered", value: true },
  UNANSWERED: { k: "flag", flag: "answered", value: false },
  DELETED: { k: "flag", flag: "deleted", value: true },
  UNDELETED: { k: "flag", flag: "deleted", value: false },
  DRAFT: { k: "flag", flag: "draft", value: true },
  UNDRAFT: { k: "flag", flag: "draft", value: false },
};
/** Keys whose argument is matched by the index, and the field it matches. */
const TEXT: Record<string, TextField> = { FROM: "from", TO: "to", CC: "cc", BCC: "bcc", SUBJECT: "subject", BODY: "body", TEXT: "any" };
/** Headers the index keeps, for HEADER. */
const INDEXED_HEADERS: Record<string, TextField> = { ...TEXT, "REPLY-TO": "reply-to", "MESSAGE-ID": "message-id" };
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

/** parseCriteria reads a SEARCH command's arguments (after any CHARSET) into one criterion. */
export function parseCriteria(tokens: Token[], depth = 0): Criterion {
  const r = { tokens, pos: 0, depth };
  const cs: Criterion[] = [];
  while (r.pos < tokens.length) cs.push(one(r));
  if (cs.length === 0) throw new ImapError("BAD", "SEARCH needs criteria");
  return cs.length === 1 ? cs[0]! : { k: "and", cs };
}

/** Criteria nest (NOT, OR, groups) at most this deep: each level is a recursion, here and when matching. */
const MAX_DEPTH = 64;

type Reader = { tokens: Token[]; pos: number; depth: number };

function arg(r: Reader, key: string): string {
  const t = r.tokens[r.pos++];
  if (!t || t.kind === "list") throw new ImapError("BAD", `SEARCH ${key} needs an argument`);
  return t.kind === "atom" ? t.value : t.value.toString("utf8");
}

function one(r: Reader): Criterion {
  const t = r.tokens[r.pos++];
  // OR's first key may take what looked like the second one's place (`OR FROM x`).
  if (!t) throw new ImapError("BAD", "SEARCH is missing a key");
  if (r.depth >= MAX_DEPTH) throw new ImapError("BAD", `SEARCH criteria nest more than ${MAX_DEPTH} deep`);
  if (t.kind === "list") return parseCriteria(t.items, r.depth + 1);
  if (t.kind === "string") throw new ImapError("BAD", "a SEARCH key is an atom");
  const key = t.value.toUpperCase();
  if (FLAGS[key]) return FLAGS[key];
  if (TEXT[key]) return text(TEXT[key], arg(r, key));
  const set = parseSequenceSet(t.value);
  if (set) return { k: "set", set, uid: false };
  switch (key) {
    case "ALL":
    case "OLD":
      return { k: "all" };
    // Sandpit has no \Recent: no message is ever recent or new.
    case "NEW":
    case "RECENT":
      return { k: "none" };
    case "NOT":
      if (r.pos >= r.tokens.length) throw new ImapError("BAD", "SEARCH NOT needs a key");
      return { k: "not", c: deeper(r) };
    case "OR": {
      if (r.pos + 1 >= r.tokens.length) throw new ImapError("BAD", "SEARCH OR needs two keys");
      const a = deeper(r);
      return { k: "or", a, b: deeper(r) };
    }
    case "UID": {
      const uids = parseSequenceSet(arg(r, key));
      if (!uids) throw new ImapError("BAD", "SEARCH UID needs a UID set");
      return { k: "set", set: uids, uid: true };
    }
    case "HEADER": {
      const name = arg(r, key).toUpperCase();
      const value = arg(r, key);
      return INDEXED_HEADERS[name] && value !== "" ? text(INDEXED_HEADERS[name], value) : { k: "header", name, value };
    }
    case "LARGER":
    case "SMALLER":
      return { k: "size", op: key === "LARGER" ? "larger" : "smaller", bytes: number(arg(r, key), key) };
    // Sandpit knows when a message arrived; the Date header's day is taken as that day.
    case "BEFORE":
    case "SENTBEFORE":
      return { k: "date", op: "before", dayMs: day(arg(r, key)) };
    case "ON":
    case "SENTON":
      return { k: "date", op: "on", dayMs: day(arg(r, key)) };
    case "SINCE":
    case "SENTSINCE":
      return { k: "date", op: "since", dayMs: day(arg(r, key)) };
    case "KEYWORD":
      arg(r, key);
      return { k: "none" };
    case "UNKEYWORD":
      arg(r, key);
      return { k: "all" };
  }
  throw new ImapError("BAD", `unknown SEARCH key ${t.value}`);
}

/** deeper reads the key a NOT or an OR applies to, one level down. */
function deeper(r: Reader): Criterion {
  r.depth++;
  try {
    return one(r);
  } finally {
    r.depth--;
  }
}

const text = (field: TextField, value: string): Criterion => ({
  k: "index",
  term: { kind: "text", field, value: value.toLowerCase(), negate: false },
});

function number(v: string, key: string): number {
  if (!/^\d{1,10}$/.test(v)) throw new ImapError("BAD", `SEARCH ${key} needs a number`);
  return Number(v);
}

/** day reads an IMAP date (`1-Feb-1994`) as the start of that day, UTC. */
function day(v: string): number {
  const m = /^(\d{1,2})-([A-Za-z]{3})-(\d{4})$/.exec(v);
  const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) : -1;
  if (!m || month < 0) throw new ImapError("BAD", `${v} is not a date like 1-Feb-2026`);
  return Date.UTC(Number(m[3]), month, Number(m[1]));
}
