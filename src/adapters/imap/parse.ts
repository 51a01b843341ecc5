/**
 * IMAP command parsing (RFC 3501 §9): a framed command (framing.ts) into its tag, its name and
 * its arguments as tokens. Atoms keep a section and a partial (`BODY.PEEK[HEADER.FIELDS (From)]<0.100>`)
 * as one token, as FETCH reads them; strings are bytes (quoted or literal) so an APPEND stays exact.
 */

export type Token = { kind: "atom"; value: string } | { kind: "string"; value: Buffer } | { kind: "list"; items: Token[] };

export interface Command {
  tag: string;
  /** Upper-cased; `UID FETCH`, `UID SEARCH` … for UID commands. */
  name: string;
  args: Token[];
}

/** ParseError is a malformed command: the server answers `BAD` (with the tag when it was readable). */
export class ParseError extends Error {
  constructor(
    message: string,
    readonly tag: string,
  ) {
    super(message);
    this.name = "ParseError";
  }
}

/** How deep lists may nest: enough for any real command, and the parser's recursion stays shallow. */
const MAX_DEPTH = 32;

const TAG = /^[!#$&'+,\-./0-9:;<=>?@A-Z^_`a-z|~]+$/;
/** Bytes that end an atom (besides `[`, which opens a section the atom keeps). */
const ATOM_END = new Set([0x20, 0x28, 0x29, 0x7b, 0x22, 0x0d, 0x0a]);

class Reader {
  pos = 0;
  constructor(
    readonly b: Buffer,
    readonly tag: string,
  ) {}
  fail(why: string): never {
    throw new ParseError(why, this.tag);
  }
  peek(): number | undefined {
    return this.b[this.pos];
  }
  done(): boolean {
    return this.pos >= this.b.length;
  }
}

/** parseCommand reads one framed command. */
export function parseCommand(bytes: Buffer): Command {
  const sp = bytes.indexOf(0x20);
  const tag = bytes.subarray(0, sp < 0 ? bytes.length : sp).toString("latin1");
  if (!TAG.test(tag)) throw new ParseError("a command starts with a tag", "*");
  if (sp < 0) throw new ParseError("missing command", tag);
  const r = new Reader(bytes, tag);
  r.pos = sp + 1;
  const tokens = readTokens(r, 0);
  const first = tokens.shift();
  if (first?.kind !== "atom") throw new ParseError("missing command", tag);
  let name = first.value.toUpperCase();
  if (name === "UID") {
    const sub = tokens.shift();
    if (sub?.kind !== "atom") throw new ParseError("UID needs a command", tag);
    name = `UID ${sub.value.toUpperCase()}`;
  }
  return { tag, name, args: tokens };
}

/** readTokens reads SP-separated tokens up to the end, or up to `)` inside a list (`depth` > 0). */
function readTokens(r: Reader, depth: number): Token[] {
  const inList = depth > 0;
  if (depth > MAX_DEPTH) r.fail(`lists nest more than ${MAX_DEPTH} deep`);
  const out: Token[] = [];
  for (;;) {
    if (r.done()) {
      if (inList) r.fail("unterminated (");
      return out;
    }
    if (r.peek() === 0x29) {
      if (!inList) r.fail("unexpected )");
      r.pos++;
      return out;
    }
    if (out.length > 0) {
      if (r.peek() !== 0x20) r.fail("arguments are separated by one space");
      r.pos++;
    }
    out.push(readToken(r, depth));
  }
}

function readToken(r: Reader, depth: number): Token {
  const c = r.peek();
  if (c === undefined) r.fail("missing argument");
  if (c === 0x28) {
    r.pos++;
    return { kind: "list", items: readTokens(r, depth + 1) };
  }
  if (c === 0x22) return { kind: "string", value: readQuoted(r) };
  if (c === 0x7b) return { kind: "string", value: readLiteral(r) };
  return { kind: "atom", value: readAtom(r) };
}

function readQuoted(r: Reader): Buffer {
  const bytes: number[] = [];
  r.pos++;
  for (;;) {
    const c = r.peek();
    if (c === undefined || c === 0x0d || c === 0x0a) r.fail("unterminated quoted string");
    r.pos++;
    if (c === 0x22) return Buffer.from(bytes);
    if (c === 0x5c) {
      const e = r.peek();
      if (e !== 0x22 && e !== 0x5c) r.fail('only \\" and \\\\ may be escaped in a quoted string');
      bytes.push(e);
      r.pos++;
    } else bytes.push(c);
  }
}

function readLiteral(r: Reader): Buffer {
  const close = r.b.indexOf("}", r.pos);
  const m = close < 0 ? null : /^\{(\d{1,10})\+?\}$/.exec(r.b.subarray(r.pos, close + 1).toString("latin1"));
  if (!m || r.b[close + 1] !== 0x0d || r.b[close + 2] !== 0x0a) r.fail("a literal is {size} then CRLF");
  const start = close + 3;
  const end = start + Number(m[1]);
  if (end > r.b.length) r.fail("literal shorter than announced");
  r.pos = end;
  return r.b.subarray(start, end);
}

function readAtom(r: Reader): string {
  const start = r.pos;
  while (!r.done()) {
    const c = r.peek()!;
    if (c === 0x5b) {
      // A section: everything up to its `]` belongs to the atom (`BODY[HEADER.FIELDS (To Cc)]`).
      const close = r.b.indexOf("]", r.pos);
      if (close < 0) r.fail("unterminated [");
      r.pos = close + 1;
      continue;
    }
    if (ATOM_END.has(c) || c < 0x20 || c === 0x7f) break;
    r.pos++;
  }
  if (r.pos === start) r.fail(`unexpected ${JSON.stringify(String.fromCharCode(r.peek() ?? 0))}`);
  return r.b.subarray(start, r.pos).toString("utf8");
}

/** text reads an atom or string argument as text; `what` names it in the error when it is missing. */
export function text(t: Token | undefined, what: string, tag: string): string {
  if (!t || t.kind === "list") throw new ParseError(`${what} is missing`, tag);
  return t.kind === "atom" ? t.value : t.value.toString("utf8");
}
