import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const stack = useStack();
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  alice = await registerUser(stack.app, uniq("alice"));
  bob = await registerUser(stack.app, uniq("bob"));
});

describe("GET /api/v1/wait", () => {
  it("returns the first matching message that arrives after the call", async () => {
    const since = Date.now();
    const waiting = alice.json(`/api/v1/wait?query=${encodeURIComponent("subject:welcome")}&timeout=20&since=${since}`);
    await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "not this one", text: "x" });
    const first = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "Welcome 1", text: "x" });
    const r = await waiting;
    expect(r.status).toBe(200);
    expect(r.body.ID).toBe(first);
    expect(r.body.Subject).toBe("Welcome 1");
  });

  it("ignores matching mail from before `since` (default: the moment of the call)", async () => {
    const old = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "reset old", text: "x" });
    await waitFor(async () => (await listIds(alice)).includes(old), "old indexed");
    let answer: { status: number; body: { ID?: string } } | undefined;
    void alice.json(`/api/v1/wait?subject=reset&timeout=20`).then((r) => (answer = r));
    // The wait's `since` is the moment the server received the call, which the client cannot see:
    // deliver fresh mail until the wait answers. It must answer with one of those, never the old one.
    const fresh: string[] = [];
    const r = await waitFor(
      async () => {
        if (answer) return answer;
        fresh.push(await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "reset new", text: "x" }));
        await new Promise((done) => setTimeout(done, 200));
        return answer;
      },
      "the wait answers",
      20_000,
    );
    expect(r.status).toBe(200);
    expect(fresh).toContain(r.body.ID);
    const back = await alice.json(`/api/v1/wait?subject=reset&timeout=5&since=${encodeURIComponent("2000-01-01T00:00:00Z")}`);
    expect(back.body.ID).toBe(old);
  });

  it("filters by to and from", async () => {
    const since = Date.now();
    const waiting = bob.json(`/api/v1/wait?from=billing@&to=${encodeURIComponent(bob.email)}&since=${since}&timeout=20`);
    await deliver(stack.mp.smtpPort, { from: "news@x.test", to: bob.email, subject: "news", text: "x" });
    const bill = await deliver(stack.mp.smtpPort, { from: "billing@x.test", to: bob.email, subject: "bill", text: "x" });
    expect((await waiting).body.ID).toBe(bill);
  });

  it("answers 408 WAIT_TIMEOUT when nothing matching arrives", async () => {
    const started = Date.now();
    const r = await alice.json("/api/v1/wait?subject=never-coming&timeout=1");
    expect([r.status, r.body.error.code]).toEqual([408, "WAIT_TIMEOUT"]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it("never wakes for another user's mail", async () => {
    const since = Date.now();
    const waiting = bob.json(`/api/v1/wait?subject=for-alice-only&timeout=2&since=${since}`);
    await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "for-alice-only", text: "x" });
    const r = await waiting;
    expect([r.status, r.body.error.code]).toEqual([408, "WAIT_TIMEOUT"]);
  });

  it.each([
    ["timeout=abc", "timeout"],
    ["timeout=9999", "timeout"],
    ["since=yesterday", "since"],
    ["query=foo:bar", "unknown search term"],
    ["nope=1", "nope"],
  ])("rejects %s with 400", async (qs, message) => {
    const r = await alice.json(`/api/v1/wait?${qs}`);
    expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    expect(JSON.stringify(r.body.error)).toContain(message);
  });
});

describe("GET /api/v1/message/{ID}/links and /codes", () => {
  it("extracts from my message and answers 404 for anyone else's", async () => {
    const id = await deliver(stack.mp.smtpPort, {
      from: "auth@x.test",
      to: alice.email,
      subject: "Sign-in code",
      html: '<p>Code: <b>905-113</b></p><p><a href="https://x.test/login?c=905113">Sign in</a></p>',
    });
    await waitFor(async () => (await listIds(alice)).includes(id), "indexed");
    const links = await alice.json(`/api/v1/message/${id}/links`);
    expect(links.body).toEqual({ ID: id, links: [{ url: "https://x.test/login?c=905113", text: "Sign in", source: "html" }] });
    const codes = await alice.json(`/api/v1/message/latest/codes`);
    expect(codes.body.codes[0]).toMatchObject({ code: "905113", raw: "905-113" });
    for (const path of [`/api/v1/message/${id}/links`, `/api/v1/message/${id}/codes`]) {
      const r = await bob.json(path);
      expect([r.status, r.body.error.code]).toEqual([404, "NOT_FOUND"]);
    }
  });
});
