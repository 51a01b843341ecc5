import { describe, expect, it } from "vitest";
import { headOf } from "../../src/index/to-row.js";

describe("headOf: the header section the index keeps for IMAP", () => {
  it("keeps the header with its blank line, byte for byte, whatever the line ends", () => {
    const crlf = Buffer.from("Subject: Gr\xfc\xdfe\r\nTo: a@x\r\n\r\nbody\r\n", "latin1");
    expect(headOf(crlf)).toBe("Subject: Gr\xfc\xdfe\r\nTo: a@x\r\n\r\n");
    expect(Buffer.from(headOf(crlf), "latin1")).toEqual(crlf.subarray(0, crlf.indexOf("\r\n\r\n") + 4));
    expect(headOf(Buffer.from("Subject: x\n\nbody\n"))).toBe("Subject: x\n\n");
    expect(headOf(Buffer.from("Subject: no body"))).toBe("Subject: no body");
  });

  it("keeps nothing for a header it could not store faithfully: too large, or holding a NUL", () => {
    expect(headOf(Buffer.from(`X-Big: ${"a".repeat(70_000)}\r\n\r\nbody`))).toBe("");
    expect(headOf(Buffer.from("Subject: a\u0000b\r\n\r\nbody"))).toBe("");
  });
});
