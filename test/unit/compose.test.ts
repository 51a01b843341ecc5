import { describe, expect, it } from "vitest";
import { draftFrom, senderAddress, type Original } from "../../src/domain/compose.js";
import { AppError } from "../../src/errors.js";

const original: Original = {
  MessageID: "abc@shop.test",
  Date: "2026-11-20T10:00:00Z",
  From: { Name: "Alice", Address: "alice@x.test" },
  ReplyTo: [],
  To: [
    { Name: "", Address: "bob@x.test" },
    { Name: "", Address: "Carol@X.test" },
  ],
  Cc: [
    { Name: "", Address: "dave@x.test" },
    { Name: "", Address: "carol@x.test" },
  ],
  Subject: "lunch?",
  Text: "pizza at noon?\nor sushi?",
};

describe("draftFrom", () => {
  it("Should reply to the sender, threaded, with the original quoted", () => {
    const d = draftFrom(original, "reply", ["bob@x.test"]);
    expect(d.To).toEqual(["alice@x.test"]);
    expect(d.Subject).toBe("Re: lunch?");
    expect(d.Headers).toEqual({ "In-Reply-To": "<abc@shop.test>", References: "<abc@shop.test>" });
    expect(d.Text).toContain("> pizza at noon?\n> or sushi?");
  });

  it("Should reply to Reply-To when there is one, and keep an existing Re:", () => {
    const d = draftFrom({ ...original, ReplyTo: [{ Name: "", Address: "help@x.test" }], Subject: "RE: lunch?" }, "reply", ["bob@x.test"]);
    expect([d.To, d.Subject]).toEqual([["help@x.test"], "RE: lunch?"]);
  });

  it("Should reply to all once each, never to myself (ASCII case folded)", () => {
    const d = draftFrom(original, "reply-all", ["bob@x.test"]);
    expect(d.To).toEqual(["alice@x.test", "Carol@X.test", "dave@x.test"]);
  });

  it("Should send a reply to my own message back to its recipients", () => {
    expect(draftFrom(original, "reply", ["alice@x.test"]).To).toEqual(["bob@x.test", "Carol@X.test"]);
    expect(draftFrom(original, "reply-all", ["alice@x.test"]).To).toEqual(["bob@x.test", "Carol@X.test", "dave@x.test"]);
  });

  it("Should answer mail I sent only to myself to myself", () => {
    const toSelf = { ...original, To: [{ Name: "", Address: "alice@x.test" }], Cc: [] };
    expect(draftFrom(toSelf, "reply-all", ["alice@x.test"]).To).toEqual(["alice@x.test"]);
  });

  it("Should forward with no recipients, no threading and the original whole", () => {
    const d = draftFrom(original, "forward", ["bob@x.test"]);
    expect([d.To, d.Cc, d.Headers, d.Subject]).toEqual([[], [], {}, "Fwd: lunch?"]);
    expect(d.Text).toContain("From: Alice <alice@x.test>\nSubject: lunch?\nTo: bob@x.test, Carol@X.test\n\npizza at noon?");
  });
});

describe("senderAddress", () => {
  it("Should default to my primary address and accept another of mine, in any ASCII case", () => {
    expect(senderAddress(undefined, ["a@x.test", "b@x.test"])).toBe("a@x.test");
    expect(senderAddress("B@X.test", ["a@x.test", "b@x.test"])).toBe("b@x.test");
  });

  it("Should refuse anyone else's address with SENDER_FORBIDDEN", () => {
    const err = (() => {
      try {
        senderAddress("eve@x.test", ["a@x.test"]);
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("SENDER_FORBIDDEN");
  });
});
