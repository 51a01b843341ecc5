import { describe, expect, it } from "vitest";
import { decodeEntities, htmlToText } from "../../src/lib/html-text.js";

describe("htmlToText", () => {
  it("Should drop tags, scripts, styles and the head, decode entities and collapse whitespace", () => {
    const html = `<html><head><title>T</title><style>p{color:red}</style></head>
      <body><script>alert("x")</script><p>Code&nbsp;<b>481&#32;516</b></p><p>Tom &amp; Jerry &lt;3</p></body></html>`;
    expect(htmlToText(html)).toBe("Code 481 516 Tom & Jerry <3");
  });

  it("Should turn line breaks into spaces and leave entities it cannot decode as written", () => {
    expect(htmlToText("a<br>b<BR/>c")).toBe("a b c");
    expect(decodeEntities("&#99999999; &unknown; &#x41;")).toBe("&#99999999; &unknown; A");
  });
});
