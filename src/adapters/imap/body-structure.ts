import { fieldValue, parseHeaderValue, type MimeNode, type Param } from "../../lib/mime-tree.js";
import { envelope, text } from "./envelope.js";
import { encode, type Value } from "./write.js";

/**
 * bodyStructure writes a message's MIME structure (RFC 3501 §7.4.2): BODYSTRUCTURE when
 * `extensible`, BODY without the extension data otherwise. Sizes are octets of the body as it
 * travels (still transfer-encoded); text parts and message/rfc822 parts also give their lines; a
 * message/rfc822 part carries its message's envelope and structure.
 * @example bodyStructure(parseMime(raw), false) // ("TEXT" "PLAIN" ("CHARSET" "US-ASCII") NIL NIL "7BIT" 12 1)
 */
export function bodyStructure(node: MimeNode, extensible: boolean): Buffer {
  if (node.type === "multipart") {
    // body-type-mpart is `1*body SP media-subtype`: the parts follow each other with no space.
    const parts: Value = { written: Buffer.concat(node.parts.map((p) => bodyStructure(p, extensible))) };
    return encode([parts, word(node.subtype), ...(extensible ? [params(node.params), ...common(node)] : [])]);
  }
  const fields: Value[] = [
    word(node.type),
    word(node.subtype),
    params(node.params),
    text(fieldValue(node, "content-id")),
    text(fieldValue(node, "content-description")),
    word(fieldValue(node, "content-transfer-encoding") || "7bit"),
    node.body.length,
  ];
  if (node.message) fields.push(envelope(node.message), { written: bodyStructure(node.message, extensible) }, lines(node.body));
  else if (node.type === "text") fields.push(lines(node.body));
  if (extensible) fields.push(text(fieldValue(node, "content-md5")), ...common(node));
  return encode(fields);
}

/** common is the extension data every entity has: disposition, language, location. */
function common(node: MimeNode): Value[] {
  const disposition = fieldValue(node, "content-disposition");
  const parsed = disposition === undefined ? undefined : parseHeaderValue(disposition);
  const languages = (fieldValue(node, "content-language") ?? "")
    .split(",")
    .map((l) => l.trim())
    .filter(Boolean);
  return [
    parsed?.value ? [word(parsed.value), params(parsed.params)] : null,
    languages.length === 0 ? null : languages.length === 1 ? text(languages[0]) : languages.map(text),
    text(fieldValue(node, "content-location")?.replace(/\s+/g, "")),
  ];
}

/** params is a parameter list, or NIL. */
const params = (list: Param[]): Value => (list.length === 0 ? null : list.flatMap(([name, value]) => [word(name), text(value)]));

/** word is a keyword upper-cased as RFC 3501's examples write them (ASCII letters only: header text is latin1). */
const word = (s: string) => text(s.replace(/[a-z]+/g, (w) => w.toUpperCase()));

/** lines counts a body's lines: its line ends, and a last line without one. */
function lines(body: Buffer): number {
  let n = 0;
  for (let at = body.indexOf(0x0a); at >= 0; at = body.indexOf(0x0a, at + 1)) n++;
  return body.length > 0 && body[body.length - 1] !== 0x0a ? n + 1 : n;
}
