import { describe, expect, it } from "vitest";
import { FetchedMessage, parseItems, type SectionItem } from "../../src/adapters/imap/fetch-items.js";
import { parseCommand } from "../../src/adapters/imap/parse.js";
import { parseSection } from "../../src/adapters/imap/sections.js";
import { ImapError } from "../../src/adapters/imap/session.js";
import { eml } from "../support/eml.js";

const items = (line: string) => parseItems(parseCommand(Buffer.from(`a FETCH 1 ${line}`)).args[1]);
/** cut answers each body item's response name and bytes, for one fixture. */
const cut = (fixture: string, line: string) => {
  const message = new FetchedMessage(eml(fixture));
  return (items(line).filter((i) => i.kind === "section") as SectionItem[]).map((i) => [i.name, message.section(i).toString("latin1")]);
};

describe("IMAP FETCH sections", () => {
  it("Should read section specs, naming them as the response does", () => {
    expect(parseSection("")).toEqual({ path: [], text: undefined, fields: [], name: "" });
    expect(parseSection("1.2.mime")).toMatchObject({ path: [1, 2], text: "MIME", name: "1.2.MIME" });
    expect(parseSection("2.1.HEADER")).toMatchObject({ path: [2, 1], text: "HEADER", name: "2.1.HEADER" });
    expect(parseSection('header.fields.not (Subject "From")')).toEqual({
      path: [],
      text: "HEADER.FIELDS.NOT",
      fields: ["subject", "from"],
      name: "HEADER.FIELDS.NOT (SUBJECT FROM)",
    });
    for (const bad of ["MIME", "0", "1.", ".1", "01", "1..2", "HEADER.FIELDS", "HEADER (SUBJECT)", "HEADER.FIELDS ()", "BODY", "1.X"]) {
      expect(parseSection(bad), bad).toBeUndefined();
    }
  });

  it("Should cut parts, MIME headers, and a message/rfc822 part's HEADER and TEXT (as Dovecot does)", () => {
    const nested = eml("imap/nested").toString("latin1");
    const inner = nested.slice(nested.indexOf("From: Carol"), nested.indexOf("\r\n--outer--"));
    const innerText = inner.slice(inner.indexOf("--inner"));
    expect(
      cut("imap/nested", "(BODY.PEEK[2] BODY.PEEK[2.HEADER] BODY.PEEK[2.MIME] BODY.PEEK[2.TEXT] BODY.PEEK[2.1] BODY.PEEK[2.2.MIME])"),
    ).toEqual([
      ["BODY[2]", inner],
      ["BODY[2.HEADER]", inner.slice(0, inner.indexOf("\r\n\r\n") + 4)],
      ["BODY[2.MIME]", 'Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename="original.eml"\r\n\r\n'],
      ["BODY[2.TEXT]", innerText],
      ["BODY[2.1]", "Original text."],
      ["BODY[2.2.MIME]", "Content-Type: text/html; charset=us-ascii\r\n\r\n"],
    ]);
    expect(inner.length).toBe(384);
  });

  it("Should pick header fields in the message's order with the blank line, and leave out the named ones for .NOT", () => {
    expect(
      cut("imap/nested", "(BODY[HEADER.FIELDS (SUBJECT from)] BODY[HEADER.FIELDS.NOT (Subject From To Date Message-ID MIME-Version)])"),
    ).toEqual([
      ["BODY[HEADER.FIELDS (SUBJECT FROM)]", "From: alice@example.test\r\nSubject: Fwd: Text and HTML\r\n\r\n"],
      ["BODY[HEADER.FIELDS.NOT (SUBJECT FROM TO DATE MESSAGE-ID MIME-VERSION)]", 'Content-Type: multipart/mixed; boundary="outer"\r\n\r\n'],
    ]);
    // Folded fields come whole; no match is just the blank line.
    expect(cut("imap/plain", "(BODY.PEEK[HEADER.FIELDS (Subject)] BODY.PEEK[HEADER.FIELDS (X-Nope)])")).toEqual([
      ["BODY[HEADER.FIELDS (SUBJECT)]", "Subject: A plain note,\r\n folded over two lines\r\n\r\n"],
      ["BODY[HEADER.FIELDS (X-NOPE)]", "\r\n"],
    ]);
  });

  it("Should treat a message that is not multipart as its own part 1, and answer parts it does not have as empty", () => {
    const plain = eml("imap/plain").toString("latin1");
    const [head, body] = [plain.slice(0, plain.indexOf("\r\n\r\n") + 4), plain.slice(plain.indexOf("\r\n\r\n") + 4)];
    expect(cut("imap/plain", "(BODY[] BODY[HEADER] BODY[TEXT] BODY[1] BODY[1.MIME] BODY[2] BODY[1.1] BODY[1.HEADER])")).toEqual([
      ["BODY[]", plain],
      ["BODY[HEADER]", head],
      ["BODY[TEXT]", body],
      ["BODY[1]", body],
      ["BODY[1.MIME]", head],
      ["BODY[2]", ""],
      ["BODY[1.1]", ""],
      ["BODY[1.HEADER]", ""],
    ]);
  });

  it("Should cut a partial range and name it by its origin", () => {
    expect(cut("imap/nested", "(BODY.PEEK[]<0.10> BODY.PEEK[1]<3.100> BODY.PEEK[]<5000.10>)")).toEqual([
      ["BODY[]<0>", "From: alic"],
      ["BODY[1]<3>", "warding this."],
      ["BODY[]<5000>", ""],
    ]);
  });
});

describe("IMAP FETCH items", () => {
  it("Should expand ALL, FAST and FULL, and read RFC822 items as their BODY sections", () => {
    expect(items("ALL").map((i) => i.kind)).toEqual(["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE"]);
    expect(items("fast").map((i) => i.kind)).toEqual(["FLAGS", "INTERNALDATE", "RFC822.SIZE"]);
    expect(items("FULL").map((i) => i.kind)).toEqual(["FLAGS", "INTERNALDATE", "RFC822.SIZE", "ENVELOPE", "BODY"]);
    expect(items("(RFC822 RFC822.HEADER rfc822.text BODY.PEEK[TEXT])")).toMatchObject([
      { name: "RFC822", peek: false, section: { text: undefined } },
      { name: "RFC822.HEADER", peek: true, section: { text: "HEADER" } },
      { name: "RFC822.TEXT", peek: false, section: { text: "TEXT" } },
      { name: "BODY[TEXT]", peek: true },
    ]);
  });

  it.each(["(FLAGS BOGUS)", "BODY[MIME]", "BODY[1]<0.0>", "BODY[1]<0>", "(ALL)", "(FLAGS (UID))", "BODY[HEADER.FIELDS (A B]"])(
    "Should refuse %s with BAD",
    (line) => {
      let err: unknown;
      try {
        items(line);
      } catch (e) {
        err = e;
      }
      expect(err).toBeInstanceOf(ImapError);
      expect((err as ImapError).status).toBe("BAD");
    },
  );
});
