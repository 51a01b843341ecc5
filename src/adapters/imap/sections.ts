import type { MimeNode } from "../../lib/mime-tree.js";

/** Section is a parsed FETCH section spec (RFC 3501 §6.4.5): the part path, then what of that part. */
export interface Section {
  /** Part numbers from the top (`1.2` is [1, 2]); empty for the whole message. */
  path: number[];
  text: "HEADER" | "HEADER.FIELDS" | "HEADER.FIELDS.NOT" | "TEXT" | "MIME" | undefined;
  /** HEADER.FIELDS's field names, lower-cased. */
  fields: string[];
  /** The spec as the response names it: keywords and field names upper-cased, as Dovecot does. */
  name: string;
}

const NOTHING = Buffer.alloc(0);
const TEXTS = new Set(["HEADER", "HEADER.FIELDS", "HEADER.FIELDS.NOT", "TEXT", "MIME"]);

/**
 * parseSection reads what is between a body item's brackets; undefined when it is not a section.
 * @example parseSection("1.2.header.fields (Subject From)") // { path: [1, 2], text: "HEADER.FIELDS", fields: ["subject", "from"], name: "1.2.HEADER.FIELDS (SUBJECT FROM)" }
 */
export function parseSection(spec: string): Section | undefined {
  const m = /^([^ ]*)(?: \((.*)\))?$/s.exec(spec);
  if (!m) return undefined;
  const segments = m[1] === "" ? [] : m[1]!.split(".");
  const path: number[] = [];
  while (segments.length > 0 && /^[1-9]\d{0,8}$/.test(segments[0]!)) path.push(Number(segments.shift()));
  const word = segments.join(".").toUpperCase();
  if (segments.length > 0 && !TEXTS.has(word)) return undefined;
  const text = (word || undefined) as Section["text"];
  if (text === "MIME" && path.length === 0) return undefined;
  const listed = text === "HEADER.FIELDS" || text === "HEADER.FIELDS.NOT";
  if (listed !== (m[2] !== undefined)) return undefined;
  const names = listed ? m[2]!.trim().split(/\s+/) : [];
  // Field names are atoms, or quoted strings of atom characters.
  if (listed && !names.every((n) => /^(?:[!#-'*-~]+|"[!#-'*-~]+")$/.test(n))) return undefined;
  const fields = names.map((n) => n.replace(/^"|"$/g, "").toLowerCase());
  const name = [...path, ...(text ? [text] : [])].join(".") + (listed ? ` (${fields.join(" ").toUpperCase()})` : "");
  return { path, text, fields, name };
}

/**
 * sectionBytes cuts a section out of a message; empty when the message has no such part (as
 * Dovecot answers; RFC 3501 leaves it open). HEADER, TEXT and HEADER.FIELDS of a part are those of the message a
 * message/rfc822 part carries; MIME is a part's own header.
 */
export function sectionBytes(root: MimeNode, s: Section): Buffer {
  const node = partAt(root, s.path);
  if (!node) return NOTHING;
  if (s.text === "MIME") return node.header;
  if (s.text === undefined) return s.path.length > 0 ? node.body : Buffer.concat([node.header, node.body]);
  const message = s.path.length > 0 ? node.message : node;
  if (!message) return NOTHING;
  if (s.text === "HEADER") return message.header;
  if (s.text === "TEXT") return message.body;
  const wanted = new Set(s.fields);
  const keep = s.text === "HEADER.FIELDS";
  // The chosen fields as written (folds kept), then the blank line, which is always there.
  const chosen = message.fields.filter((f) => wanted.has(f.name) === keep).map((f) => f.raw.replace(/\r?\n?$/, "\r\n"));
  return Buffer.from(`${chosen.join("")}\r\n`, "latin1");
}

/**
 * partAt finds a part by its numbers (RFC 3501 §6.4.5): the parts of a multipart are numbered
 * from 1, a message that is not multipart has one part (1, its body), and the numbers after a
 * message/rfc822 part's number go on inside the message it carries.
 */
export function partAt(root: MimeNode, path: number[]): MimeNode | undefined {
  let node = root;
  let isMessage = true;
  for (const n of path) {
    if (!isMessage && node.message) {
      node = node.message;
      isMessage = true;
    }
    if (node.type === "multipart") {
      const next = node.parts[n - 1];
      if (!next) return undefined;
      node = next;
    } else if (!isMessage || n !== 1) return undefined;
    isMessage = false;
  }
  return node;
}
