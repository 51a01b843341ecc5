import { describe, expect, it } from "vitest";
import { originHost } from "../../src/lib/origin.js";

describe("originHost", () => {
  it("reads host and port, and tells a missing Origin from an unparsable one", () => {
    expect(originHost("http://127.0.0.1:8025")).toBe("127.0.0.1:8025");
    expect(originHost("https://Sandpit.Example")).toBe("sandpit.example");
    expect(originHost(undefined)).toBeUndefined();
    expect(originHost("null")).toBeUndefined();
    expect(originHost("not a url")).toBe("");
  });
});
