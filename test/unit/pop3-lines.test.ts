import { describe, expect, it } from "vitest";
import { LineReader } from "../../src/adapters/pop3/lines.js";
import { lineEndPadOf } from "../../src/index/to-row.js";

const b = (s: string) => Buffer.from(s, "latin1");

describe("POP3 LineReader", () => {
  it("answers whole CRLF lines, however the bytes are split, and keeps a bare LF inside its line", () => {
    const r = new LineReader(16);
    expect(r.push(b("US"))).toEqual([]);
    expect(r.push(b("ER a\r"))).toEqual([]);
    expect(r.push(b("\nSTAT\r\nNO\nOP\r\n"))).toEqual([
      { ok: true, text: "USER a" },
      { ok: true, text: "STAT" },
      { ok: true, text: "NO\nOP" },
    ]);
  });

  it("refuses a line over the limit once and skips its tail, whether it came whole or in pieces", () => {
    const r = new LineReader(8);
    expect(r.push(b("0123456789\r\nNOOP\r\n"))).toEqual([
      { ok: false, error: "line too long (at most 8 octets)" },
      { ok: true, text: "NOOP" },
    ]);
    expect(r.push(b("0123456789"))).toEqual([{ ok: false, error: "line too long (at most 8 octets)" }]);
    expect(r.push(b("QUIT more\r"))).toEqual([]);
    expect(r.push(b("\nRSET\r\n"))).toEqual([{ ok: true, text: "RSET" }]);
  });
});

describe("lineEndPadOf", () => {
  it("is 2 for a source whose last line has no CRLF (a bare LF included), else 0", () => {
    expect(lineEndPadOf(b("Subject: x\r\n\r\nbody\r\n"))).toBe(0);
    expect(lineEndPadOf(b(""))).toBe(0);
    expect(lineEndPadOf(b("Subject: x\r\n\r\nbody"))).toBe(2);
    expect(lineEndPadOf(b("Subject: x\n\nbody\n"))).toBe(2);
  });
});
