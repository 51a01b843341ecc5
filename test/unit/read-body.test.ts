import { describe, expect, it } from "vitest";
import { readBody } from "../../src/index/read-body.js";
import { eml } from "../support/eml.js";

const raw = (lines: string[]) => Buffer.from(lines.join("\r\n"));

describe("readBody (what the indexer reads from a message's source)", () => {
  it("reads the plain part for search and names an attachment as a file, not as inline", async () => {
    const body = await readBody(eml("imap/attachment"));
    expect(body.files).toEqual(["report.pdf"]);
    expect(body.inlineCount).toBe(0);
    expect(body.text).not.toContain("JVBER");
  });

  it("counts a related image as inline and reads the plain alternative, not the HTML", async () => {
    const body = await readBody(eml("imap/related"));
    expect(body).toEqual({ text: expect.stringContaining("See our logo."), files: ["logo.png"], inlineCount: 1 });
    expect(body.text).not.toContain("<img");
  });

  it("keeps an attached message a file: its words are not the outer body's", async () => {
    const body = await readBody(eml("imap/nested"));
    expect(body.files).toContain("original.eml");
  });

  it("reads an HTML-only body as its words, entities decoded", async () => {
    const body = await readBody(
      raw([
        "From: a@x.test",
        "To: b@x.test",
        "Subject: s",
        "Content-Type: text/html; charset=utf-8",
        "",
        "<p>Only <b>HTML</b> &amp; more</p>",
        "",
      ]),
    );
    expect(body).toEqual({ text: "Only HTML & more", files: [], inlineCount: 0 });
  });
});
