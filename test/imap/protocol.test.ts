import { describe, expect, it } from "vitest";
import { Framer } from "../../src/adapters/imap/framing.js";
import { parseCommand, ParseError, type Token } from "../../src/adapters/imap/parse.js";
import { bounds, contains, parseSequenceSet } from "../../src/adapters/imap/sequence.js";
import { atom, decodeMailboxName, encode, encodeMailboxName, type Value } from "../../src/adapters/imap/write.js";

const b = (s: string) => Buffer.from(s, "latin1");
const frames = (framer: Framer, ...chunks: string[]) => chunks.flatMap((c) => framer.push(b(c)));
const show = (t: Token): unknown =>
  t.kind === "list" ? t.items.map(show) : t.kind === "atom" ? t.value : `"${t.value.toString("latin1")}"`;
const parse = (s: string) => {
  const c = parseCommand(b(s));
  return { tag: c.tag, name: c.name, args: c.args.map(show) };
};

describe("IMAP framing", () => {
  it("Should cut commands at CRLF, across and within chunks", () => {
    const f = new Framer(() => undefined);
    expect(frames(f, "a1 NOOP\r\na2 CAPA", "BILITY\r", "\n").map((x) => (x.ok ? x.bytes.toString() : x.error))).toEqual([
      "a1 NOOP",
      "a2 CAPABILITY",
    ]);
  });

  it("Should ask for a synchronizing literal's bytes and keep them exact, CRLFs included", () => {
    let asked = 0;
    const f = new Framer(() => asked++);
    expect(frames(f, "a1 APPEND Drafts {7}\r\n")).toEqual([]);
    expect(asked).toBe(1);
    const [frame] = frames(f, "x\r\ny\r\n\x00", "\r\n");
    expect(frame).toEqual({ ok: true, bytes: b("a1 APPEND Drafts {7}\r\nx\r\ny\r\n\x00") });
  });

  it("Should take a non-synchronizing literal (LITERAL+) without asking", () => {
    let asked = 0;
    const f = new Framer(() => asked++);
    const [frame] = frames(f, 'a1 LOGIN {5+}\r\nalice "pw"\r\n');
    expect([asked, frame!.ok && frame!.bytes.toString()]).toEqual([0, 'a1 LOGIN {5+}\r\nalice "pw"']);
  });

  it("Should refuse a line or a literal over the limits with the command's tag, and go on", () => {
    const f = new Framer(() => undefined, { maxLine: 20, maxLiteral: 4, maxCommand: 100 });
    const out = frames(f, `a1 NOOP ${"x".repeat(40)}`, "x\r\na2 NOOP\r\na3 APPEND X {9+}\r\n123456789\r\na4 NOOP\r\n");
    expect(out).toEqual([
      { ok: false, error: "line too long", tag: "a1" },
      { ok: true, bytes: b("a2 NOOP") },
      { ok: false, error: "literal larger than 4 bytes", tag: "a3" },
      { ok: true, bytes: b("a4 NOOP") },
    ]);
  });

  it("Should refuse a command whose literals together pass the limit, skip the rest and go on", () => {
    const f = new Framer(() => undefined, { maxLine: 40, maxLiteral: 8, maxCommand: 30 });
    const out = frames(f, "a1 LOGIN {8+}\r\n12345678 {8+}\r\n12345678", " {8+}\r\n12345678 x\r\na2 LOGIN {3+}\r\nabc {3+}\r\ndef\r\n");
    expect(out).toEqual([
      { ok: false, error: "command larger than 30 bytes", tag: "a1" },
      { ok: true, bytes: b("a2 LOGIN {3+}\r\nabc {3+}\r\ndef") },
    ]);
  });
});

describe("IMAP command parsing", () => {
  it("Should read tags, names, atoms, quoted strings, literals and nested lists", () => {
    expect(parse('A001 LOGIN "alice@x.test" "p\\"w\\\\d"')).toEqual({ tag: "A001", name: "LOGIN", args: ['"alice@x.test"', '"p"w\\d"'] });
    expect(parse("a2 login {3}\r\nabc pw")).toEqual({ tag: "a2", name: "LOGIN", args: ['"abc"', "pw"] });
    expect(parse('a3 LIST "" *')).toEqual({ tag: "a3", name: "LIST", args: ['""', "*"] });
    expect(parse("a4 STORE 1:* +FLAGS.SILENT (\\Seen \\Flagged)")).toEqual({
      tag: "a4",
      name: "STORE",
      args: ["1:*", "+FLAGS.SILENT", ["\\Seen", "\\Flagged"]],
    });
  });

  it("Should keep a FETCH section and partial in one atom, and read UID commands as one name", () => {
    expect(parse("a5 uid fetch 1:4 (UID FLAGS BODY.PEEK[HEADER.FIELDS (From To)]<0.100> BODY[1.2.MIME])")).toEqual({
      tag: "a5",
      name: "UID FETCH",
      args: ["1:4", ["UID", "FLAGS", "BODY.PEEK[HEADER.FIELDS (From To)]<0.100>", "BODY[1.2.MIME]"]],
    });
    expect(parse("a6 SEARCH OR (FROM alice) NOT SEEN")).toEqual({
      tag: "a6",
      name: "SEARCH",
      args: ["OR", ["FROM", "alice"], "NOT", "SEEN"],
    });
  });

  it("Should keep a section's field list, a .NOT list and an empty section with its partial inside the one atom", () => {
    expect(parse('a7 FETCH 1 (BODY[HEADER.FIELDS (SUBJECT FROM)] BODY.PEEK[2.HEADER.FIELDS.NOT ("X-A" X-B)] BODY[]<0.10>)').args).toEqual([
      "1",
      ["BODY[HEADER.FIELDS (SUBJECT FROM)]", 'BODY.PEEK[2.HEADER.FIELDS.NOT ("X-A" X-B)]', "BODY[]<0.10>"],
    ]);
    expect(parse("a8 FETCH 1:* BODY.PEEK[HEADER.FIELDS (DATE)]").args).toEqual(["1:*", "BODY.PEEK[HEADER.FIELDS (DATE)]"]);
  });

  it.each([
    ["", "*", "a command starts with a tag"],
    ["a1", "a1", "missing command"],
    ['a1 LOGIN "open', "a1", "unterminated quoted string"],
    ["a1 FETCH 1 (FLAGS", "a1", "unterminated ("],
    ["a1 FETCH 1 FLAGS)", "a1", "unexpected )"],
    ["a1 LOGIN {9}\r\nabc", "a1", "literal shorter than announced"],
    ["a1 FETCH 1 BODY[TEXT", "a1", "unterminated ["],
    ["a1 NOOP  x", "a1", 'unexpected " "'],
    ['a1 LOGIN "a\\b"', "a1", "escaped"],
    ["a1 UID", "a1", "UID needs a command"],
  ])("Should refuse %j with BAD and the tag", (line, tag, message) => {
    let err: unknown;
    try {
      parseCommand(b(line));
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ParseError);
    expect((err as ParseError).tag).toBe(tag);
    expect((err as ParseError).message).toContain(message);
  });
});

describe("IMAP sequence sets", () => {
  it("Should read numbers, ranges in either order and *", () => {
    expect(parseSequenceSet("1:3,5,9:7,*")).toEqual([
      { from: 1, to: 3 },
      { from: 5, to: 5 },
      { from: 7, to: 9 },
      { from: Infinity, to: Infinity },
    ]);
  });

  it.each(["", "0", "1:", ":2", "1:2:3", "a", "1,,2", "-1", "4294967296"])("Should refuse %j", (s) => {
    expect(parseSequenceSet(s)).toBeUndefined();
  });

  it("Should resolve * to the largest number in use, also in n:* above it", () => {
    const set = parseSequenceSet("2:4,10:*")!;
    expect([1, 2, 4, 5, 9, 12].map((n) => contains(set, n, 12))).toEqual([false, true, true, false, false, true]);
    expect(contains(parseSequenceSet("20:*")!, 12, 12)).toBe(true);
    expect(bounds(set, 12)).toEqual({ min: 2, max: 12 });
  });
});

describe("IMAP response values", () => {
  it("Should quote plain text, write other strings as literals, lists in parentheses and null as NIL", () => {
    const w = (v: Value) => encode(v).toString("utf8");
    expect(w(['a "b" \\c', 42, null, atom("\\Seen"), []])).toBe('("a \\"b\\" \\\\c" 42 NIL \\Seen ())');
    expect(w("line\r\nbreak")).toBe("{11}\r\nline\r\nbreak");
    expect(w("Grüße")).toBe("{7}\r\nGrüße");
    expect(encode(Buffer.from([0, 1])).toString("latin1")).toBe("{2}\r\n\x00\x01");
  });

  it.each([
    ["Inbox", "Inbox"],
    ["Tom & Jerry", "Tom &- Jerry"],
    ["Entwürfe", "Entw&APw-rfe"],
    ["日本語/メール", "&ZeVnLIqe-/&MOEw,DDr-"],
  ])("Should write %j as %j in modified UTF-7 and read it back", (name, wire) => {
    expect(encodeMailboxName(name)).toBe(wire);
    expect(decodeMailboxName(wire)).toBe(name);
  });

  it.each(["&Jjo", "&Jj!-", "tab\there", "&AGE-x&A-"])("Should refuse the malformed name %j", (wire) => {
    expect(decodeMailboxName(wire)).toBeUndefined();
  });
});
