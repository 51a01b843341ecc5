import { describe, expect, it } from "vitest";
import { redactHeaders, redactRawHeaders, redactReceived } from "../../src/lib/redact.js";

/** The header section of a real message Mailpit stored after an SMTP delivery with an envelope-only Bcc. */
const MAILPIT_HEADERS = [
  "Bcc: zed@x.io",
  "Message-ID: <2Ek53Sljlowh7LK71KCMBT@mailpit>",
  "Return-Path: <eve@x.io>",
  "Received: from [127.0.0.1] (localhost [127.0.0.1])",
  "        by vm (Mailpit) with SMTP",
  "        for <zed@x.io>; Sat, 21 Nov 2026 17:22:36 +0000 (UTC)",
  "From: Eve <eve@x.io>",
  "To: bob@x.io",
  "Subject: smtp one",
];

/** What the same headers look like for a viewer who is not the sender. */
const REDACTED_HEADERS = [
  "Message-ID: <2Ek53Sljlowh7LK71KCMBT@mailpit>",
  "Return-Path: <eve@x.io>",
  "Received: from [127.0.0.1] (localhost [127.0.0.1])",
  "        by vm (Mailpit) with SMTP; Sat, 21 Nov 2026 17:22:36 +0000 (UTC)",
  "From: Eve <eve@x.io>",
  "To: bob@x.io",
  "Subject: smtp one",
];

/** message joins header lines, a blank line and body lines with `eol`. */
function message(headers: string[], body: string[], eol: "\r\n" | "\n"): Buffer {
  return Buffer.from([...headers, "", ...body].join(eol), "utf8");
}

describe("redactReceived", () => {
  it("Should remove the `for <address>` clause and keep the date", () => {
    expect(redactReceived("from a (a [10.0.0.1]) by mx with ESMTP id 42 for <zed@x.io>; Sat, 21 Nov 2026 17:22:36 +0000")).toBe(
      "from a (a [10.0.0.1]) by mx with ESMTP id 42; Sat, 21 Nov 2026 17:22:36 +0000",
    );
  });

  it("Should remove a clause without angle brackets or at the very end", () => {
    expect(redactReceived("by mx with SMTP for zed@x.io; Sat")).toBe("by mx with SMTP; Sat");
    expect(redactReceived("by mx with SMTP for <zed@x.io>")).toBe("by mx with SMTP");
  });

  it("Should take time linear in the value, whatever a sender writes into a Received header of its own", () => {
    const hostile = [`by x for ${"@".repeat(20_000)}<`, `by x${" ".repeat(20_000)}y`, `by x for ${"a@".repeat(10_000)}<`];
    const started = performance.now();
    for (const value of hostile) expect(redactReceived(value)).toBe(value);
    expect(redactRawHeaders(Buffer.from(`Received: ${hostile[0]}\r\nSubject: s\r\n\r\nbody`)).length).toBeGreaterThan(20_000);
    expect(performance.now() - started).toBeLessThan(200);
    expect(redactReceived("by b\r\n\tfor <a@b@c.test>; Tue")).toBe("by b; Tue");
  });

  it("Should leave a Received value without a `for` clause unchanged", () => {
    const value = "from [127.0.0.1] by vm (Mailpit) with SMTP; Sat, 21 Nov 2026 17:22:36 +0000 (UTC)";
    expect(redactReceived(value)).toBe(value);
  });
});

describe("redactHeaders", () => {
  it("Should drop Bcc in any case and strip the Received `for` clause, keeping every other header", () => {
    const headers = {
      Bcc: ["zed@x.io"],
      BCC: ["yan@x.io"],
      bcc: ["xi@x.io"],
      Received: [
        "from [127.0.0.1] (localhost [127.0.0.1]) by vm (Mailpit) with SMTP for <zed@x.io>; Sat, 21 Nov 2026 17:22:36 +0000 (UTC)",
        "from relay by mx with ESMTP; Sat, 21 Nov 2026 17:22:30 +0000",
      ],
      From: ["Eve <eve@x.io>"],
      To: ["bob@x.io"],
      Subject: ["smtp one for <you@x.io>"],
    };
    expect(redactHeaders(headers)).toEqual({
      Received: [
        "from [127.0.0.1] (localhost [127.0.0.1]) by vm (Mailpit) with SMTP; Sat, 21 Nov 2026 17:22:36 +0000 (UTC)",
        "from relay by mx with ESMTP; Sat, 21 Nov 2026 17:22:30 +0000",
      ],
      From: ["Eve <eve@x.io>"],
      To: ["bob@x.io"],
      Subject: ["smtp one for <you@x.io>"],
    });
  });

  it("Should not modify the headers object it is given", () => {
    const headers = { Bcc: ["zed@x.io"], Received: ["by vm with SMTP for <zed@x.io>; Sat"] };
    redactHeaders(headers);
    expect(headers).toEqual({ Bcc: ["zed@x.io"], Received: ["by vm with SMTP for <zed@x.io>; Sat"] });
  });

  it("Should keep headers whose names only contain Bcc", () => {
    const headers = { "X-Bcc-Note": ["keep me"], "Resent-To": ["bob@x.io"] };
    expect(redactHeaders(headers)).toEqual(headers);
  });
});

describe("redactRawHeaders", () => {
  it.each([
    ["CRLF", "\r\n"],
    ["LF", "\n"],
  ] as const)("Should remove Bcc and the Received `for` clause from Mailpit's raw source with %s line endings", (_n, eol) => {
    const out = redactRawHeaders(message(MAILPIT_HEADERS, ["body here", ""], eol));
    expect(out.toString("utf8")).toBe([...REDACTED_HEADERS, "", "body here", ""].join(eol));
  });

  it("Should remove a folded multi-line Bcc header with all its continuation lines", () => {
    const raw = message(
      ["From: Eve <eve@x.io>", "BCC: zed@x.io,", " Yan <yan@x.io>,", "\txi@x.io", "To: bob@x.io", "Subject: folded"],
      ["hello"],
      "\r\n",
    );
    expect(redactRawHeaders(raw).toString("utf8")).toBe(
      ["From: Eve <eve@x.io>", "To: bob@x.io", "Subject: folded", "", "hello"].join("\r\n"),
    );
  });

  it("Should remove every Bcc field when there are several", () => {
    const raw = message(["Bcc: a@x.io", "To: bob@x.io", "bcc : b@x.io", "Subject: two"], ["hi"], "\n");
    expect(redactRawHeaders(raw).toString("utf8")).toBe(["To: bob@x.io", "Subject: two", "", "hi"].join("\n"));
  });

  it("Should remove only the `for` clause when it sits on a folded continuation line with the date on the next", () => {
    const raw = message(
      [
        "Received: from mx.x.io (mx.x.io [10.0.0.1])",
        "\tby vm (Mailpit) with ESMTP id 7",
        "\tfor <zed@x.io>;",
        "\tSat, 21 Nov 2026 17:22:36 +0000",
        "To: bob@x.io",
      ],
      ["hi"],
      "\r\n",
    );
    expect(redactRawHeaders(raw).toString("utf8")).toBe(
      [
        "Received: from mx.x.io (mx.x.io [10.0.0.1])",
        "\tby vm (Mailpit) with ESMTP id 7;",
        "\tSat, 21 Nov 2026 17:22:36 +0000",
        "To: bob@x.io",
        "",
        "hi",
      ].join("\r\n"),
    );
  });

  it("Should leave the body byte for byte, even a body line that starts with Bcc: or Received:", () => {
    const body = Buffer.from(
      "Forwarded headers:\r\nBcc: secret@x.io\r\nReceived: by a for <secret@x.io>; Sat\r\n\r\n\xff\xfe raw 8-bit \x00 bytes \n bare LF\r\n",
      "latin1",
    );
    const head = Buffer.from(["Bcc: zed@x.io", "To: bob@x.io", "Subject: body test", "", ""].join("\r\n"), "latin1");
    const out = redactRawHeaders(Buffer.concat([head, body]));
    const expectedHead = Buffer.from(["To: bob@x.io", "Subject: body test", "", ""].join("\r\n"), "latin1");
    expect(out.equals(Buffer.concat([expectedHead, body]))).toBe(true);
  });

  it("Should keep 8-bit UTF-8 header bytes exactly", () => {
    const raw = message(["Bcc: zed@x.io", "Subject: Grüße aus Köln ✉", "To: Zoë <zoe@x.io>"], ["ünïcödé body"], "\r\n");
    const expected = message(["Subject: Grüße aus Köln ✉", "To: Zoë <zoe@x.io>"], ["ünïcödé body"], "\r\n");
    expect(redactRawHeaders(raw).equals(expected)).toBe(true);
  });

  it("Should return a message with no Bcc and no `for` clause unchanged", () => {
    const raw = message(
      [
        "Received: from [127.0.0.1] by vm (Mailpit) with SMTP; Sat, 21 Nov 2026 17:22:36 +0000 (UTC)",
        "From: Eve <eve@x.io>",
        "To: bob@x.io",
        "X-Bcc-Note: keep",
        "Subject: plain",
      ],
      ["body here", "Bcc: not a header", ""],
      "\r\n",
    );
    expect(redactRawHeaders(raw).equals(raw)).toBe(true);
  });

  it("Should redact a message that is only headers, with no blank line", () => {
    const raw = Buffer.from("To: bob@x.io\r\nBcc: zed@x.io\r\n", "latin1");
    expect(redactRawHeaders(raw).toString("latin1")).toBe("To: bob@x.io\r\n");
  });
});
