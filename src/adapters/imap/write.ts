/**
 * IMAP response encoding (RFC 3501 §4, §9): values as the server writes them. A string goes out
 * quoted when it is short plain text, as a literal otherwise (CR, LF, quotes' neighbours, 8-bit
 * bytes, NUL), and NIL for "none".
 */

/** Value is what a response is built from: atoms and values already written go out as they are, strings encoded. */
export type Value = { atom: string } | { written: Buffer } | string | Buffer | number | null | Value[];

export const atom = (s: string): Value => ({ atom: s });

const QUOTABLE = /^[\x20-\x7e]{0,200}$/;

/** encodeString writes a string as a quoted string when it can, else as a literal. */
export function encodeString(s: string | Buffer): Buffer {
  const text = typeof s === "string" ? s : undefined;
  if (text !== undefined && QUOTABLE.test(text)) return Buffer.from(`"${text.replace(/[\\"]/g, (c) => `\\${c}`)}"`, "latin1");
  const bytes = typeof s === "string" ? Buffer.from(s, "utf8") : s;
  return Buffer.concat([Buffer.from(`{${bytes.length}}\r\n`, "latin1"), bytes]);
}

/** encode writes a value: lists in parentheses, numbers as numbers, null as NIL. */
export function encode(v: Value): Buffer {
  if (v === null) return Buffer.from("NIL");
  if (typeof v === "number") return Buffer.from(String(v));
  if (typeof v === "string" || Buffer.isBuffer(v)) return encodeString(v);
  if (Array.isArray(v)) {
    const parts: Buffer[] = [Buffer.from("(")];
    v.forEach((item, i) => {
      if (i > 0) parts.push(Buffer.from(" "));
      parts.push(encode(item));
    });
    parts.push(Buffer.from(")"));
    return Buffer.concat(parts);
  }
  return "written" in v ? v.written : Buffer.from(v.atom, "utf8");
}

/**
 * encodeMailboxName writes a mailbox name in IMAP's modified UTF-7 (RFC 3501 §5.1.3): printable
 * ASCII as itself (`&` as `&-`), anything else as `&` + modified base64 of UTF-16 + `-`.
 * @example encodeMailboxName("Entwürfe") // "Entw&APw-rfe"
 */
export function encodeMailboxName(name: string): string {
  return name.replace(/&|[^\x20-\x7e]+/g, (run) => {
    if (run === "&") return "&-";
    const utf16 = Buffer.alloc(run.length * 2);
    for (let i = 0; i < run.length; i++) utf16.writeUInt16BE(run.charCodeAt(i), i * 2);
    return `&${utf16.toString("base64").replace(/=+$/, "").replace(/\//g, ",")}-`;
  });
}

/** decodeMailboxName reads modified UTF-7 back; undefined when it is not valid. */
export function decodeMailboxName(s: string): string | undefined {
  let out = "";
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (c !== "&") {
      if (c < " " || c > "~") return undefined;
      out += c;
      i++;
      continue;
    }
    const end = s.indexOf("-", i + 1);
    if (end < 0) return undefined;
    const b64 = s.slice(i + 1, end);
    i = end + 1;
    if (b64 === "") {
      out += "&";
      continue;
    }
    // Whole UTF-16 units only: 1, 2, 3 units are 3, 6, 8 base64 characters, and so on.
    if (/[^A-Za-z0-9+,]/.test(b64) || ![0, 3, 6].includes(b64.length % 8)) return undefined;
    const bytes = Buffer.from(b64.replace(/,/g, "/"), "base64");
    if (bytes.length % 2 !== 0) return undefined;
    for (let j = 0; j < bytes.length; j += 2) out += String.fromCharCode(bytes.readUInt16BE(j));
  }
  return out;
}
