import { describe, expect, it } from "vitest";
import { fieldValue, parseHeaderValue, parseMime, type MimeNode } from "../../src/lib/mime-tree.js";
import { eml } from "../support/eml.js";

const b = (s: string) => Buffer.from(s, "latin1");
/** shape is a node's types and parts, nested, to compare trees at a glance. */
const shape = (n: MimeNode): unknown => {
  const type = `${n.type}/${n.subtype}`;
  if (n.parts.length) return { [type]: n.parts.map(shape) };
  return n.message ? { [type]: shape(n.message) } : type;
};

describe("MIME tree", () => {
  it("Should lay out every fixture's parts, nested messages included", () => {
    expect(shape(parseMime(eml("imap/plain")))).toBe("text/plain");
    expect(shape(parseMime(eml("imap/alternative")))).toEqual({ "multipart/alternative": ["text/plain", "text/html"] });
    expect(shape(parseMime(eml("imap/attachment")))).toEqual({ "multipart/mixed": ["text/plain", "application/pdf"] });
    expect(shape(parseMime(eml("imap/related")))).toEqual({
      "multipart/related": [{ "multipart/alternative": ["text/plain", "text/html"] }, "image/png"],
    });
    expect(shape(parseMime(eml("imap/nested")))).toEqual({
      "multipart/mixed": ["text/plain", { "message/rfc822": { "multipart/alternative": ["text/plain", "text/html"] } }],
    });
  });

  it("Should keep header and body as views of the message, the line break before a delimiter going with it", () => {
    const raw = eml("imap/alternative");
    const root = parseMime(raw);
    expect(Buffer.concat([root.header, root.body]).equals(raw)).toBe(true);
    expect(root.header.toString()).toMatch(/boundary="alt-boundary"\r\n\r\n$/);
    const [text, html] = root.parts;
    // The preamble ("This is a multi-part message …") and the CRLF before each delimiter belong to no part.
    expect(text!.header.toString()).toBe(
      'Content-Type: text/plain; charset="utf-8"\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n',
    );
    expect(text!.body.toString()).toBe("Caf=C3=A9 at noon?");
    expect(html!.body.toString()).toBe("<p>Caf=C3=A9 at <b>noon</b>?</p>");
    expect(html!.body.buffer).toBe(raw.buffer);
  });

  it("Should default a missing or invalid Content-Type to text/plain; charset=us-ascii (RFC 2045 §5.2)", () => {
    for (const raw of [eml("imap/no-content-type"), b("Content-Type: garbage\r\n\r\nx"), b("Content-Type: multipart/mixed\r\n\r\nx")]) {
      const node = parseMime(raw);
      expect([node.type, node.subtype, node.params]).toEqual(["text", "plain", [["charset", "us-ascii"]]]);
      expect(node.parts).toEqual([]);
    }
  });

  it("Should read LF-only messages, a header without a blank line, and a part with no header", () => {
    const lf = parseMime(b("Content-Type: multipart/mixed; boundary=x\n\n--x\n\nno header here\n--x\nContent-Type: text/html\n--x--\n"));
    expect(lf.parts.map((p) => [p.header.toString(), p.body.toString(), p.type, p.subtype])).toEqual([
      ["\n", "no header here", "text", "plain"],
      // The line break before the next delimiter is the delimiter's, so this header ends without one.
      ["Content-Type: text/html", "", "text", "html"],
    ]);
    const headerOnly = parseMime(b("Subject: hi\r\nFrom: a@x.test"));
    expect([headerOnly.fields.map((f) => f.name), headerOnly.body.length]).toEqual([["subject", "from"], 0]);
    // A line that is neither a field nor a fold starts the body.
    const noBlank = parseMime(b("Subject: hi\r\nnot a field\r\n"));
    expect([noBlank.header.toString(), noBlank.body.toString()]).toEqual(["Subject: hi\r\n", "not a field\r\n"]);
  });

  it("Should match delimiters only at a line's start and whole, and end a part where the close delimiter is missing", () => {
    const raw = b(
      "Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\none --b inside\r\n--bc\r\n--b \t\r\n\r\ntwo\r\n--b\r\n\r\nthree, unclosed\r\n",
    );
    expect(parseMime(raw).parts.map((p) => p.body.toString())).toEqual(["one --b inside\r\n--bc", "two", "three, unclosed\r\n"]);
    const empty = parseMime(b("Content-Type: multipart/mixed; boundary=b\r\n\r\nno delimiter at all\r\n"));
    expect(empty.parts.map((p) => [p.type, p.body.length])).toEqual([["text", 0]]);
    const epilogue = parseMime(b("Content-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nx\r\n--b--\r\n--b\r\n\r\nnot a part\r\n"));
    expect(epilogue.parts.map((p) => p.body.toString())).toEqual(["x"]);
  });

  it("Should default a digest's parts to message/rfc822 and leave a transfer-encoded message/rfc822 opaque", () => {
    const digest = parseMime(b("Content-Type: multipart/digest; boundary=d\r\n\r\n--d\r\n\r\nSubject: inner\r\n\r\nhi\r\n--d--\r\n"));
    const inner = digest.parts[0]!;
    expect([inner.type, inner.subtype, inner.message && fieldValue(inner.message, "subject")]).toEqual(["message", "rfc822", "inner"]);
    const encoded = parseMime(b("Content-Type: message/rfc822\r\nContent-Transfer-Encoding: base64\r\n\r\nU3ViamVjdDogeA0KDQp4\r\n"));
    expect(encoded.message).toBeUndefined();
  });

  it("Should keep hostile nesting to a bounded depth", () => {
    let raw = "x\r\n";
    for (let i = 0; i < 200; i++) raw = `Content-Type: multipart/mixed; boundary=b${i}\r\n\r\n--b${i}\r\n${raw}\r\n--b${i}--\r\n`;
    let node = parseMime(b(raw));
    let depth = 0;
    for (let child = node.parts[0]; child; child = node.parts[0]) {
      node = child;
      depth++;
    }
    expect(depth).toBe(50);
    expect(`${node.type}/${node.subtype}`).toBe("application/octet-stream");
  });

  it("Should read folded fields as one line, and parameters quoted, escaped or in RFC 2231 pieces", () => {
    expect(fieldValue(parseMime(eml("imap/plain")), "subject")).toBe("A plain note, folded over two lines");
    expect(parseHeaderValue('attachment; filename="a;b \\"c\\".txt"; size=12 (comment)')).toEqual({
      value: "attachment",
      params: [
        ["filename", 'a;b "c".txt'],
        ["size", "12 (comment)"],
      ],
    });
    expect(parseHeaderValue("text/plain (plain text); charset=utf-8; filename*0*=utf-8''R%C3%A9; filename*1=sum.txt; junk")).toEqual({
      value: "text/plain",
      params: [
        ["charset", "utf-8"],
        ["filename*0*", "utf-8''R%C3%A9"],
        ["filename*1", "sum.txt"],
      ],
    });
  });
});
