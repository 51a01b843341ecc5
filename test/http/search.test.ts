import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { listIds, PNG_1PX, uniq } from "../support/world.js";

const stack = useStack();
let sam: TestUser;
let other: TestUser;
const ids: Record<string, string> = {};

beforeAll(async () => {
  sam = await registerUser(stack.app, uniq("sam"));
  other = await registerUser(stack.app, uniq("other"));
  ids.reset = await deliver(stack.mp.smtpPort, {
    from: "Accounts <accounts@shop.test>",
    to: sam.email,
    subject: "Reset your password",
    text: "Use code 381-442 to reset. The link expires soon.",
  });
  ids.invoice = await deliver(stack.mp.smtpPort, {
    from: "billing@shop.test",
    to: sam.email,
    cc: "boss@corp.test",
    subject: "Invoice March",
    html: "<p>Your <b>invoice</b> total is 99 euro</p>",
    attachments: [{ filename: "invoice-march.pdf", content: Buffer.from("%PDF-1.4"), contentType: "application/pdf" }],
  });
  ids.inline = await deliver(stack.mp.smtpPort, {
    from: "news@paper.test",
    to: sam.email,
    subject: "Newsletter",
    html: '<img src="cid:logo@p"> weekly news',
    attachments: [{ filename: "logo.png", content: PNG_1PX, contentType: "image/png", cid: "logo@p" }],
  });
  // The same words, but to someone else: never a match for sam.
  ids.foreign = await deliver(stack.mp.smtpPort, {
    from: "accounts@shop.test",
    to: other.email,
    subject: "Reset your password",
    text: "code 999-000",
  });
  await waitFor(async () => (await listIds(sam)).length === 3 && (await listIds(other)).length === 1, "indexed");
});

async function search(q: string): Promise<string[]> {
  const r = await sam.json(`/api/v1/search?query=${encodeURIComponent(q)}&limit=0`);
  expect([q, r.status]).toEqual([q, 200]);
  return (r.body.messages as { ID: string }[]).map((m) => m.ID).sort();
}
const only = (...names: string[]) => names.map((n) => ids[n]!).sort();

describe("GET /api/v1/search", () => {
  it.each([
    ["reset", ["reset"]],
    ["RESET", ["reset"]],
    ['"reset your password"', ["reset"]],
    ["381-442", ["reset"]],
    ["invoice total", ["invoice"]],
    ["invoice-march.pdf", ["invoice"]],
    ["from:accounts@shop.test", ["reset"]],
    ["from:Accounts", ["reset"]],
    [`to:${"sam-"}`, ["reset", "invoice", "inline"]],
    ["cc:boss@corp.test", ["invoice"]],
    ["subject:invoice", ["invoice"]],
    ["subject:code", []],
    ["has:attachment", ["invoice"]],
    ["has:inline", ["inline"]],
    ["-has:attachment", ["reset", "inline"]],
    ["!subject:invoice", ["reset", "inline"]],
    ["from:shop.test -subject:invoice", ["reset"]],
    ["after:2000-01-01", ["reset", "invoice", "inline"]],
    ["before:2000-01-01", []],
    ["larger:1", ["reset", "invoice", "inline"]],
    ["smaller:10", []],
    ["https://nowhere.test", []],
  ])("matches %s", async (q, expected) => {
    expect(await search(q)).toEqual(only(...expected));
  });

  it("answers a query of 1,000 terms with 400 BAD_REQUEST, not a 500", async () => {
    // One-letter terms: 999 of them fit the 2,000-character limit on a query.
    const q = Array.from({ length: 999 }, () => "x").join("%20");
    for (const path of [`/api/v1/search?query=${q}`, `/api/v1/wait?timeout=1&query=${q}`]) {
      const r = await sam.json(path);
      expect([path.slice(0, 20), r.status, r.body.error.code]).toEqual([path.slice(0, 20), 400, "BAD_REQUEST"]);
      expect(r.body.error.message).toContain("at most 50");
    }
  });

  it("never matches another user's mail, even with the same words", async () => {
    expect(await search("999-000")).toEqual([]);
    const r = await other.json("/api/v1/search?query=reset");
    expect(r.body.messages.map((m: any) => m.ID)).toEqual([ids.foreign]);
    expect(r.body).toMatchObject({ total: 1, messages_count: 1 });
  });

  it("counts matches and my unread matches", async () => {
    await sam.json(`/api/v1/message/${ids.reset}`);
    const r = await sam.json("/api/v1/search?query=from:shop.test");
    expect(r.body).toMatchObject({ total: 3, messages_count: 2, messages_unread: 1 });
  });

  it.each([
    ["", "query is required"],
    ['"unbalanced', "unbalanced"],
    ["foo:bar", "unknown search term"],
    ["is:flagged", "is:starred"],
    ["before:yesterday", "not a date"],
    ["larger:big", "not a size"],
    ["from:", "needs a value"],
  ])("rejects %j with 400 BAD_REQUEST", async (q, message) => {
    const r = await sam.json(`/api/v1/search?query=${encodeURIComponent(q)}`);
    expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    expect(r.body.error.message).toContain(message);
  });

  it("resolves latest?query= among my matches only", async () => {
    const r = await sam.json(`/api/v1/message/latest?query=${encodeURIComponent("subject:reset")}`);
    expect(r.body.ID).toBe(ids.reset);
    const none = await sam.json(`/api/v1/message/latest?query=${encodeURIComponent("subject:nothing-like-this")}`);
    expect([none.status, none.body.error.code]).toEqual([404, "NOT_FOUND"]);
  });
});
