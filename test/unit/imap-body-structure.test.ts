import { describe, expect, it } from "vitest";
import { bodyStructure } from "../../src/adapters/imap/body-structure.js";
import { envelope } from "../../src/adapters/imap/envelope.js";
import { encode } from "../../src/adapters/imap/write.js";
import { parseMime } from "../../src/lib/mime-tree.js";
import { eml } from "../support/eml.js";

const envelopeOf = (raw: Buffer) => encode(envelope(parseMime(raw))).toString("latin1");
const structureOf = (raw: Buffer, extensible = true) => bodyStructure(parseMime(raw), extensible).toString("latin1");
const ALICE = '((NIL NIL "alice" "example.test"))';
const BOB = '((NIL NIL "bob" "example.test"))';

describe("IMAP ENVELOPE", () => {
  it("Should give date, subject, the address lists and ids, with Sender and Reply-To defaulting to From", () => {
    const alice = '(("Alice Example" NIL "alice" "example.test"))';
    expect(envelopeOf(eml("imap/plain"))).toBe(
      `("Tue, 01 Jul 2025 10:00:00 +0000" "A plain note, folded over two lines" ${alice} ${alice} ${alice} ${BOB} NIL NIL NIL "<plain-1@example.test>")`,
    );
    // Addresses in a list follow each other with no space (`"(" 1*address ")"`).
    expect(envelopeOf(eml("imap/alternative"))).toBe(
      `("Tue, 01 Jul 2025 10:05:00 +0000" "Text and HTML" ${alice} ${alice} ${alice} (("Bob" NIL "bob" "example.test")(NIL NIL "carol" "example.test")) ((NIL NIL "dave" "example.test")) NIL "<plain-1@example.test>" "<alt-1@example.test>")`,
    );
  });

  it("Should carry encoded words as written, for the client to decode", () => {
    const joerg = '(("=?UTF-8?Q?J=C3=B6rg_M=C3=BCller?=" NIL "joerg" "example.test"))';
    expect(envelopeOf(eml("imap/encoded-subject"))).toBe(
      `("Tue, 01 Jul 2025 10:30:00 +0000" "=?UTF-8?B?R3LDvMOfZSBhdXMgTcO8bmNoZW4=?=" ${joerg} ${joerg} ${joerg} ${BOB} NIL NIL NIL "<enc-1@example.test>")`,
    );
  });

  it("Should write groups as a start marker, the members and an end marker, and Sender and Reply-To as given", () => {
    expect(envelopeOf(eml("imap/group"))).toBe(
      `("Tue, 01 Jul 2025 10:35:00 +0000" "Group mail" ${ALICE} (("Mailer" NIL "mailer" "example.test")) ((NIL NIL "replies" "example.test")) ` +
        `((NIL NIL "Project Team" NIL)(NIL NIL "bob" "example.test")("Carol, C." NIL "carol" "example.test")(NIL NIL NIL NIL)(NIL NIL "dave" "example.test")) ` +
        `((NIL NIL "undisclosed-recipients" NIL)(NIL NIL NIL NIL)) ((NIL NIL "erin" "example.test")) NIL "<grp-1@example.test>")`,
    );
  });

  it("Should answer NIL for missing fields, send 8-bit header text (RFC 6532) as its exact bytes, and put a source route into adl", () => {
    const raw = Buffer.from("From: <@relay.test:joe@x.test>\r\nSubject: Grüße\r\nTo: nobody\r\n\r\nhi", "utf8");
    const joe = '((NIL "@relay.test" "joe" "x.test"))';
    const expected = Buffer.from(`(NIL {7}\r\nGrüße ${joe} ${joe} ${joe} NIL NIL NIL NIL NIL)`, "utf8");
    expect(envelopeOf(raw)).toBe(expected.toString("latin1"));
  });
});

describe("IMAP BODYSTRUCTURE and BODY", () => {
  it("Should describe a plain message and one without Content-Type (text/plain; charset=us-ascii)", () => {
    expect(structureOf(eml("imap/plain"))).toBe('("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 34 3 NIL NIL NIL NIL)');
    expect(structureOf(eml("imap/no-content-type"))).toBe('("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 30 2 NIL NIL NIL NIL)');
    expect(structureOf(eml("imap/plain"), false)).toBe('("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 34 3)');
  });

  it("Should describe an HTML alternative: parts back to back, then the subtype and its parameters", () => {
    expect(structureOf(eml("imap/alternative"))).toBe(
      '(("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 18 1 NIL NIL NIL NIL)' +
        '("TEXT" "HTML" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 32 1 NIL NIL NIL NIL) "ALTERNATIVE" ("BOUNDARY" "alt-boundary") NIL NIL NIL)',
    );
    expect(structureOf(eml("imap/alternative"), false)).toBe(
      '(("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 18 1)("TEXT" "HTML" ("CHARSET" "utf-8") NIL NIL "QUOTED-PRINTABLE" 32 1) "ALTERNATIVE")',
    );
  });

  it("Should describe an attachment with its description, encoded size, MD5, disposition and languages", () => {
    expect(structureOf(eml("imap/attachment"))).toBe(
      '(("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 23 1 NIL NIL NIL NIL)' +
        '("APPLICATION" "PDF" ("NAME" "report.pdf") NIL "Quarterly report" "BASE64" 106 "Q2hlY2sgSW50ZWdyaXR5IQ==" ("ATTACHMENT" ("FILENAME" "report.pdf")) ("en" "de") NIL)' +
        ' "MIXED" ("BOUNDARY" "mixed-b") NIL NIL NIL)',
    );
  });

  it("Should describe an inline image in multipart/related with its Content-ID and unfolded location", () => {
    expect(structureOf(eml("imap/related"))).toBe(
      '((("TEXT" "PLAIN" ("CHARSET" "utf-8") NIL NIL "7BIT" 13 1 NIL NIL NIL NIL)("TEXT" "HTML" ("CHARSET" "utf-8") NIL NIL "7BIT" 54 1 NIL NIL NIL NIL)' +
        ' "ALTERNATIVE" ("BOUNDARY" "alt") NIL NIL NIL)' +
        '("IMAGE" "PNG" NIL "<logo@example.test>" NIL "BASE64" 98 NIL ("INLINE" ("FILENAME" "logo.png")) NIL "http://example.test/logo.png")' +
        ' "RELATED" ("TYPE" "multipart/alternative" "BOUNDARY" "rel") NIL NIL NIL)',
    );
  });

  it("Should describe a message/rfc822 part with its message's envelope, structure and lines", () => {
    const carol = '(("Carol" NIL "carol" "example.test"))';
    const inner = `("Mon, 30 Jun 2025 09:00:00 +0000" "Original" ${carol} ${carol} ${carol} ${ALICE} NIL NIL NIL "<orig-1@example.test>")`;
    expect(structureOf(eml("imap/nested"), false)).toBe(
      '(("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 16 1)' +
        `("MESSAGE" "RFC822" NIL NIL NIL "7BIT" 384 ${inner} (("TEXT" "PLAIN" ("CHARSET" "us-ascii") NIL NIL "7BIT" 14 1)("TEXT" "HTML" ("CHARSET" "us-ascii") NIL NIL "7BIT" 21 1) "ALTERNATIVE") 17)` +
        ' "MIXED")',
    );
    expect(structureOf(eml("imap/nested"))).toContain(
      ' 17 NIL ("ATTACHMENT" ("FILENAME" "original.eml")) NIL NIL) "MIXED" ("BOUNDARY" "outer") NIL NIL NIL)',
    );
  });
});
