import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { mailpitIds } from "../support/mailpit.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser } from "../support/users.js";
import { listIds, makeWorld, uniq } from "../support/world.js";

const stack = useStack();

const readFlag = async (u: { json: (p: string) => Promise<{ body: any }> }, id: string) =>
  ((await u.json("/api/v1/messages?limit=0")).body.messages as any[]).find((m) => m.ID === id)?.Read;

describe("per-user read state", () => {
  it("marks a message read for the user who opens it only", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const id = w.ids.toAliceCcBobBccCarol;
    expect((await w.alice.json(`/api/v1/message/${id}`)).status).toBe(200);
    expect(await readFlag(w.alice, id)).toBe(true);
    expect(await readFlag(w.bob, id)).toBe(false);
    expect(await readFlag(w.carol, id)).toBe(false);
    const bob = await w.bob.json("/api/v1/messages");
    expect(bob.body.unread).toBe(3);
    const alice = await w.alice.json("/api/v1/messages");
    expect(alice.body.unread).toBe(1);
  });

  it("PUT /api/v1/messages sets my read state only, for IDs, a search or everything", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const shared = w.ids.aliceToBobBccCarol;
    expect(await (await w.bob.fetch("/api/v1/messages", jsonInit("PUT", { IDs: [shared], Read: true }))).text()).toBe("ok");
    expect(await readFlag(w.bob, shared)).toBe(true);
    expect(await readFlag(w.carol, shared)).toBe(false);
    await w.bob.fetch("/api/v1/messages", jsonInit("PUT", { Search: "subject:statement", Read: true }));
    expect(await readFlag(w.bob, w.ids.bobOnly)).toBe(true);
    // cypress-mailpit marks all with `IDs: []`; Mailpit's `{}` means all unread.
    await w.carol.fetch("/api/v1/messages", jsonInit("PUT", { IDs: [], Read: true }));
    expect((await w.carol.json("/api/v1/messages")).body.unread).toBe(0);
    expect((await w.bob.json("/api/v1/messages")).body.unread).toBe(1);
    await w.carol.fetch("/api/v1/messages", jsonInit("PUT", {}));
    expect((await w.carol.json("/api/v1/messages")).body.unread).toBe(3);
    expect((await w.alice.json("/api/v1/messages")).body.unread).toBe(2);
  });

  it("answers is:read and is:unread from my own state", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    await w.bob.json(`/api/v1/message/${w.ids.bobOnly}`);
    const read = await w.bob.json("/api/v1/search?query=is:read");
    expect(read.body.messages.map((m: any) => m.ID)).toEqual([w.ids.bobOnly]);
    const unread = await w.bob.json("/api/v1/search?query=is:unread");
    expect(unread.body.messages_count).toBe(2);
    expect((await w.alice.json("/api/v1/search?query=is:read")).body.messages_count).toBe(0);
  });

  it("accepts a JSON body sent as a form (curl -d), and an empty PUT body as 'mark all of mine unread'", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const form = { "content-type": "application/x-www-form-urlencoded" };
    const r = await w.bob.fetch("/api/v1/messages", {
      method: "PUT",
      headers: form,
      body: JSON.stringify({ IDs: [w.ids.bobOnly], Read: true }),
    });
    expect([r.status, await r.text()]).toEqual([200, "ok"]);
    expect(await readFlag(w.bob, w.ids.bobOnly)).toBe(true);
    expect(await readFlag(w.carol, w.ids.aliceToBobBccCarol)).toBe(false);
    const bad = await w.bob.json("/api/v1/messages", { method: "PUT", headers: form, body: "IDs=x&Read=true" });
    expect([bad.status, bad.body.error.code, bad.body.error.message]).toEqual([400, "BAD_REQUEST", "the body is not valid JSON"]);
    expect((await w.bob.fetch("/api/v1/messages", { method: "PUT", headers: { "content-type": "application/json" } })).status).toBe(200);
    expect((await w.bob.json("/api/v1/messages")).body.unread).toBe(3);
  });

  it("rejects IDs together with Search", async () => {
    const u = await registerUser(stack.app, uniq("x"));
    const r = await u.json("/api/v1/messages", jsonInit("PUT", { IDs: ["a"], Search: "x", Read: true }));
    expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
  });
});

describe("per-user delete", () => {
  it("removes a shared message from my mailbox only, and from Mailpit when no owner is left", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const id = w.ids.toAliceCcBobBccCarol;
    expect((await w.bob.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [id] }))).status).toBe(200);
    expect(await listIds(w.bob)).not.toContain(id);
    expect(await listIds(w.alice)).toContain(id);
    expect(await listIds(w.carol)).toContain(id);
    expect(await mailpitIds(stack.mp)).toContain(id);
    expect((await w.bob.json(`/api/v1/message/${id}`)).status).toBe(404);
    await w.alice.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [id] }));
    expect(await mailpitIds(stack.mp)).toContain(id);
    await w.carol.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [id] }));
    expect(await mailpitIds(stack.mp)).not.toContain(id);
  });

  it.each([
    ["no content type", {}],
    ["a JSON content type", { "content-type": "application/json" }],
  ])("treats an empty DELETE body (%s) as 'all of my messages', never the instance", async (_name, headers) => {
    const w = await makeWorld(stack.app, stack.mp);
    const before = await mailpitIds(stack.mp);
    const res = await w.bob.fetch("/api/v1/messages", { method: "DELETE", headers });
    expect(res.status).toBe(200);
    expect(await listIds(w.bob)).toEqual([]);
    expect((await w.bob.json("/api/v1/messages")).body).toMatchObject({ total: 0, messages_count: 0 });
    expect((await listIds(w.alice)).length).toBe(2);
    expect((await listIds(w.carol)).length).toBe(3);
    const after = await mailpitIds(stack.mp);
    // Only bob's own message left Mailpit; the shared ones and dave's stay.
    expect(before.filter((id) => !after.includes(id))).toEqual([w.ids.bobOnly]);
    expect(after).toContain(w.ids.daveOnly);
  });

  it.each([
    ["not JSON", "{"],
    ["a duplicate lower-case key", '{"IDs":["x"],"ids":[]}'],
    ["an array", "[]"],
    ["null", "null"],
    ["IDs of the wrong type", '{"IDs":"all"}'],
  ])("refuses a malformed DELETE body (%s) and deletes nothing", async (_name, body) => {
    const w = await makeWorld(stack.app, stack.mp);
    const before = await mailpitIds(stack.mp);
    const r = await w.bob.json("/api/v1/messages", { method: "DELETE", headers: { "content-type": "application/json" }, body });
    expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    expect((await listIds(w.bob)).length).toBe(3);
    expect((await mailpitIds(stack.mp)).sort()).toEqual(before.sort());
  });

  it("DELETE /api/v1/search deletes my matches only", async () => {
    const w = await makeWorld(stack.app, stack.mp);
    const r = await w.bob.fetch(`/api/v1/search?query=${encodeURIComponent("subject:lunch")}`, { method: "DELETE" });
    expect(r.status).toBe(200);
    expect(await listIds(w.bob)).not.toContain(w.ids.aliceToBobBccCarol);
    expect(await listIds(w.alice)).toContain(w.ids.aliceToBobBccCarol);
    expect(await listIds(w.carol)).toContain(w.ids.aliceToBobBccCarol);
    const missing = await w.bob.json("/api/v1/search", { method: "DELETE" });
    expect([missing.status, missing.body.error.code]).toEqual([400, "BAD_REQUEST"]);
  });
});

describe("pagination", () => {
  it("pages are full and totals are mine, newest first", async () => {
    const pat = await registerUser(stack.app, uniq("pat"));
    const other = await registerUser(stack.app, uniq("other"));
    const sent: string[] = [];
    for (let i = 0; i < 7; i++) {
      sent.push(await deliver(stack.mp.smtpPort, { from: "app@x.test", to: pat.email, subject: `page ${i}`, text: "x" }));
      await deliver(stack.mp.smtpPort, { from: "app@x.test", to: other.email, subject: `noise ${i}`, text: "x" });
    }
    await waitFor(async () => (await listIds(pat)).length === 7, "pat's 7 messages");
    const pages = [];
    for (const start of [0, 3, 6]) {
      const r = await pat.json(`/api/v1/messages?start=${start}&limit=3`);
      expect(r.body).toMatchObject({ total: 7, messages_count: 7, start });
      pages.push(r.body.messages.map((m: any) => m.Subject));
    }
    expect(pages).toEqual([["page 6", "page 5", "page 4"], ["page 3", "page 2", "page 1"], ["page 0"]]);
    const search = await pat.json("/api/v1/search?query=page&start=2&limit=2");
    expect(search.body).toMatchObject({ total: 7, messages_count: 7, count: 2, start: 2 });
    expect(search.body.messages.map((m: any) => m.Subject)).toEqual(["page 4", "page 3"]);
  });

  it("rejects bad paging parameters with 400", async () => {
    const u = await registerUser(stack.app, uniq("q"));
    for (const qs of ["start=-1", "limit=abc", "before=notadate"]) {
      const r = await u.json(`/api/v1/messages?${qs}`);
      expect([qs, r.status, r.body.error.code]).toEqual([qs, 400, "BAD_REQUEST"]);
    }
    const bad = await u.json("/api/v1/messages?limit=abc&limit=2");
    expect([bad.status, bad.body.error.message, bad.body.error.details[0].path]).toEqual([
      400,
      "invalid query: limit: Invalid input: expected number, received NaN",
      "limit",
    ]);
  });

  it("reads the first value of a repeated query parameter, as Mailpit does", async () => {
    const pat = await registerUser(stack.app, uniq("rep"));
    for (let i = 0; i < 3; i++) await deliver(stack.mp.smtpPort, { from: "app@x.test", to: pat.email, subject: `rep ${i}`, text: "x" });
    await waitFor(async () => (await listIds(pat)).length === 3, "pat's 3 messages");
    const r = await pat.json("/api/v1/messages?limit=2&limit=abc&start=1&start=x");
    expect([r.status, r.body.start, r.body.messages.map((m: any) => m.Subject)]).toEqual([200, 1, ["rep 1", "rep 0"]]);
  });
});
