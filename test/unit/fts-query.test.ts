import { describe, expect, it } from "vitest";
import { parseSearchQuery } from "../../src/lib/search-query.js";
import { trigramMatch, usesTextIndex, walkBeatsIndex } from "../../src/store/sqlite/fts-query.js";

describe("trigramMatch", () => {
  it("ANDs every distinct trigram, each a quoted FTS5 string", () => {
    expect(trigramMatch("abcd")).toBe('"abc" AND "bcd"');
    expect(trigramMatch("aaaa")).toBe('"aaa"');
    expect(trigramMatch("two words")).toContain('"o w"');
  });

  it("doubles a double quote and leaves FTS5's operators inside the quotes", () => {
    expect(trigramMatch('a"bc')).toBe('"a""b" AND """bc"');
    expect(trigramMatch("(*:-^")).toBe('"(*:" AND "*:-" AND ":-^"');
  });

  it("counts characters, not UTF-16 units", () => {
    expect(trigramMatch("😀ab")).toBe('"😀ab"');
  });

  it("stops at 32 trigrams", () => {
    expect(trigramMatch("abcdefghijklmnopqrstuvwxyz0123456789").split(" AND ")).toHaveLength(32);
  });
});

describe("usesTextIndex and walkBeatsIndex", () => {
  it("uses the index for text terms of three or more characters only", () => {
    expect(usesTextIndex(parseSearchQuery("from:abc"))).toBe(true);
    expect(usesTextIndex(parseSearchQuery("ab has:attachment"))).toBe(false);
    expect(usesTextIndex(undefined)).toBe(false);
  });

  it("walks the mailbox in order when most of it matches, and starts from the index when few do", () => {
    const page = { start: 0, limit: 50 };
    expect(walkBeatsIndex(9000, page, () => 10_000)).toBe(true);
    expect(walkBeatsIndex(5, page, () => 10_000)).toBe(false);
    expect(walkBeatsIndex(9000, { start: 0, limit: 0 }, () => 10_000)).toBe(false);
    expect(walkBeatsIndex(0, page, () => 10_000)).toBe(false);
  });
});
