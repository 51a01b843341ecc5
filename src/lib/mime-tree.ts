/**
 * A message's MIME tree as its raw bytes lay it out (RFC 2045, RFC 2046 §5): each entity's header
 * fields and its header and body as views into the message buffer (nothing is copied or decoded),
 * multipart bodies cut at their boundary lines, and the message inside a message/rfc822 part. IMAP
 * FETCH needs exactly this: sizes and line counts of encoded bodies and byte-exact sections, which
 * decoding parsers (postal-mime, mailparser) do not keep.
 */

/** HeaderField is one field as written: its lower-cased name, and its lines (folds and line ends kept) read as latin1. */
export interface HeaderField {
  name: string;
  raw: string;
}

/** Param is a parameter of a structured header field (`charset=utf-8`), its name as written, its value unquoted. */
export type Param = [name: string, value: string];

/** MimeNode is one entity: a message, a part, or the message a message/rfc822 part carries. */
export interface MimeNode {
  fields: HeaderField[];
  /** The header section, with its blank line when there is one. */
  header: Buffer;
  /** Everything after the header section: the body as it travels, still transfer-encoded. */
  body: Buffer;
  /** Lower-cased, with RFC 2045's default (text/plain; charset=us-ascii) when the field is missing or invalid. */
  type: string;
  subtype: string;
  params: Param[];
  /** A multipart's parts, in order (never empty for a multipart: an empty text part stands in). */
  parts: MimeNode[];
  /** The message a message/rfc822 part carries (not when it is transfer-encoded, which RFC 2046 §5.2.1 forbids). */
  message: MimeNode | undefined;
}

/** Deeper nesting than this is kept as opaque leaves (application/octet-stream), so a hostile message cannot exhaust the stack. */
const MAX_DEPTH = 50;
const FIELD_NAME = /^([!-9;-~]+)[ \t]*:/;
const IDENTITY = new Set(["", "7bit", "8bit", "binary"]);

/**
 * parseMime lays out a message's MIME tree.
 * @example parseMime(raw).parts[1]?.params // [["name", "report.pdf"]]
 */
export function parseMime(raw: Buffer): MimeNode {
  return parseEntity(raw, false, 0);
}

function parseEntity(bytes: Buffer, inDigest: boolean, depth: number): MimeNode {
  const { fields, bodyStart } = splitHeader(bytes);
  const node: MimeNode = {
    fields,
    header: bytes.subarray(0, bodyStart),
    body: bytes.subarray(bodyStart),
    ...contentType(fields, inDigest),
    parts: [],
    message: undefined,
  };
  if (depth >= MAX_DEPTH) return node.type === "multipart" ? { ...node, type: "application", subtype: "octet-stream", params: [] } : node;
  if (node.type === "multipart") {
    const boundary = paramValue(node.params, "boundary")!;
    const digest = node.subtype === "digest";
    node.parts = splitMultipart(node.body, boundary).map((part) => parseEntity(part, digest, depth + 1));
    if (node.parts.length === 0) node.parts.push(parseEntity(Buffer.alloc(0), false, depth + 1));
  } else if (node.type === "message" && node.subtype === "rfc822") {
    const encoding = (fieldValue(node, "content-transfer-encoding") ?? "").toLowerCase();
    if (IDENTITY.has(encoding)) node.message = parseEntity(node.body, false, depth + 1);
  }
  return node;
}

/**
 * splitHeader reads header fields up to the blank line. A line that is neither a field nor a fold
 * ends the header without being part of it (a part written with no header and no blank line).
 */
function splitHeader(b: Buffer): { fields: HeaderField[]; bodyStart: number } {
  const fields: HeaderField[] = [];
  let pos = 0;
  while (pos < b.length) {
    const lf = b.indexOf(0x0a, pos);
    const next = lf < 0 ? b.length : lf + 1;
    const line = b.toString("latin1", pos, next);
    const bare = line.replace(/\r?\n$/, "");
    if (bare === "") return { fields, bodyStart: next };
    const last = fields.at(-1);
    const name = FIELD_NAME.exec(bare)?.[1];
    if (/^[ \t]/.test(bare) && last) last.raw += line;
    else if (name) fields.push({ name: name.toLowerCase(), raw: line });
    else return { fields, bodyStart: pos };
    pos = next;
  }
  return { fields, bodyStart: b.length };
}

/**
 * splitMultipart cuts a multipart body at its delimiter lines (`--boundary`, optional trailing
 * whitespace), up to the close delimiter (`--boundary--`). The line break before a delimiter
 * belongs to the delimiter (RFC 2046 §5.1.1); the preamble and the epilogue belong to no part. A
 * body without a close delimiter ends its last part.
 */
function splitMultipart(body: Buffer, boundary: string): Buffer[] {
  const delimiter = Buffer.from(`--${boundary}`, "latin1");
  const parts: Buffer[] = [];
  let partStart = -1;
  let pos = 0;
  for (;;) {
    const at = body.indexOf(delimiter, pos);
    if (at < 0) break;
    const after = at + delimiter.length;
    const lf = body.indexOf(0x0a, after);
    const eol = lf < 0 ? body.length : lf;
    const close = body[after] === 0x2d && body[after + 1] === 0x2d;
    const rest = body.toString("latin1", after, eol);
    if ((at > 0 && body[at - 1] !== 0x0a) || (!close && !/^[ \t]*\r?$/.test(rest))) {
      pos = at + 1;
      continue;
    }
    if (partStart >= 0) parts.push(body.subarray(partStart, Math.max(partStart, lineBreakBefore(body, at))));
    if (close) return parts;
    partStart = Math.min(eol + 1, body.length);
    pos = partStart;
  }
  if (partStart >= 0) parts.push(body.subarray(partStart));
  return parts;
}

/** lineBreakBefore is where the CRLF (or bare LF) in front of offset `at` starts. */
function lineBreakBefore(b: Buffer, at: number): number {
  if (at >= 2 && b[at - 2] === 0x0d && b[at - 1] === 0x0a) return at - 2;
  return at >= 1 && b[at - 1] === 0x0a ? at - 1 : at;
}

/** contentType reads Content-Type; a missing or invalid one (or a multipart without a boundary) is RFC 2045's default. */
function contentType(fields: HeaderField[], inDigest: boolean): Pick<MimeNode, "type" | "subtype" | "params"> {
  const raw = fields.find((f) => f.name === "content-type");
  const fallback = inDigest ? { type: "message", subtype: "rfc822", params: [] } : DEFAULT_TYPE();
  if (!raw) return fallback;
  const { value, params } = parseHeaderValue(unfold(raw));
  const m = /^([^\s/]+)\/([^\s/]+)$/.exec(value);
  if (!m) return DEFAULT_TYPE();
  const [type, subtype] = [m[1]!.toLowerCase(), m[2]!.toLowerCase()];
  if (type === "multipart" && !paramValue(params, "boundary")) return DEFAULT_TYPE();
  return { type, subtype, params };
}
const DEFAULT_TYPE = () => ({ type: "text", subtype: "plain", params: [["charset", "us-ascii"] as Param] });

/** unfold is a field's value on one line (RFC 5322 §2.2.3), without its name and surrounding space. */
const unfold = (f: HeaderField) =>
  f.raw
    .slice(f.raw.indexOf(":") + 1)
    .replace(/\r?\n/g, "")
    .trim();

/** fieldValue is the unfolded value of a node's first field named `name` (lower-case), as latin1 text. */
export function fieldValue(node: MimeNode, name: string): string | undefined {
  const f = node.fields.find((x) => x.name === name);
  return f && unfold(f);
}

/** fieldValues are the unfolded values of every field named `name` (lower-case), in order. */
export const fieldValues = (node: MimeNode, name: string): string[] => node.fields.filter((f) => f.name === name).map(unfold);

/** paramValue is a parameter's value by case-insensitive name. */
export const paramValue = (params: Param[], name: string): string | undefined => params.find(([n]) => n.toLowerCase() === name)?.[1];

/**
 * parseHeaderValue splits a structured field (Content-Type, Content-Disposition) into its value
 * and parameters (RFC 2045 §5.1). Values may be quoted (with backslash escapes); RFC 2231's
 * `name*0*=` parameters are kept as written, for the client to join and decode.
 * @example parseHeaderValue('text/plain; charset="utf-8"') // { value: "text/plain", params: [["charset", "utf-8"]] }
 */
export function parseHeaderValue(text: string): { value: string; params: Param[] } {
  const pieces: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === ";" && !quoted) {
      pieces.push(current);
      current = "";
      continue;
    }
    if (c === '"') quoted = !quoted;
    current += c;
    if (quoted && c === "\\" && i + 1 < text.length) current += text[++i];
  }
  pieces.push(current);
  const value = pieces
    .shift()!
    .replace(/\([^()]*\)/g, "")
    .trim();
  const params: Param[] = [];
  for (const piece of pieces) {
    const eq = piece.indexOf("=");
    const name = piece.slice(0, eq).trim();
    if (eq < 0 || name === "") continue;
    const v = piece.slice(eq + 1).trim();
    params.push([name, v.startsWith('"') ? v.slice(1, v.endsWith('"') && v.length > 1 ? -1 : undefined).replace(/\\(.)/g, "$1") : v]);
  }
  return { value, params };
}
