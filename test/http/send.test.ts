import { beforeAll, describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const stack = useStack({ SANDPIT_MAX_MESSAGE_MB: "1" });
let alice: TestUser;
let bob: TestUser;
beforeAll(async () => {
  alice = await registerUser(stack.app, uniq("alice"), { name: "Alice" });
  bob = await registerUser(stack.app, uniq("bob"));
});

const send = (u: TestUser, body: unknown) => u.json("/api/v1/send", jsonInit("POST", body));

describe("POST /api/v1/send", () => {
  it("sends as me when From is omitted, and I see it at once (read-your-writes)", async () => {
    const r = await send(alice, { To: [{ Email: bob.email }], Subject: "hi bob", Text: "hello" });
    expect(r.status).toBe(200);
    expect(r.body.ID).toMatch(/^[0-9A-Za-z]{22}$/);
    // No waiting: the message is indexed before the send call returns.
    expect(await listIds(alice)).toContain(r.body.ID);
    expect(await listIds(bob)).toContain(r.body.ID);
    const msg = await alice.json(`/api/v1/message/${r.body.ID}`);
    expect(msg.body.From).toEqual({ Name: "Alice", Address: alice.email });
    expect(msg.body.Username).toBe(alice.email);
  });

  it("accepts my own address in any case as From", async () => {
    const r = await send(alice, { From: { Email: alice.email.toUpperCase(), Name: "A" }, To: [{ Email: bob.email }] });
    expect(r.status).toBe(200);
  });

  it("refuses another From with 403 SENDER_FORBIDDEN and sends nothing", async () => {
    const before = (await listIds(bob)).length;
    const r = await send(alice, { From: { Email: bob.email }, To: [{ Email: bob.email }], Subject: "spoof" });
    expect([r.status, r.body.error.code]).toEqual([403, "SENDER_FORBIDDEN"]);
    expect(r.body.error.message).toContain(alice.email);
    expect((await listIds(bob)).length).toBe(before);
  });

  it.each(["Sender", "Return-Path", "Bcc", "Received", "Message-ID", "from", "X-Tags"])(
    "refuses the identity or routing header %s",
    async (name) => {
      const r = await send(alice, { To: [{ Email: bob.email }], Headers: { [name]: "x@evil.test" } });
      expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    },
  );

  it("passes allowed custom headers and keeps Sandpit's own Message-ID", async () => {
    const r = await send(alice, { To: [{ Email: bob.email }], Headers: { "X-Campaign": "spring" } });
    expect(r.status).toBe(200);
    const headers = await bob.json(`/api/v1/message/${r.body.ID}/headers`);
    expect(headers.body["X-Campaign"]).toEqual(["spring"]);
    expect(headers.body["Message-Id"][0]).toMatch(/@sandpit>$/);
  });

  it.each([
    ["CR/LF in a header value", { To: [{ Email: "b@x.test" }], Headers: { "X-A": "a\r\nBcc: spy@x.test" } }],
    ["CR/LF in the subject", { To: [{ Email: "b@x.test" }], Subject: "a\r\nBcc: spy@x.test" }],
    ["no recipient", { Subject: "nobody" }],
    ["an unknown key", { To: [{ Email: "b@x.test" }], to: [] }],
    ["attachment content that is not base64", { To: [{ Email: "b@x.test" }], Attachments: [{ Filename: "a", Content: "*!*" }] }],
  ])("rejects %s with 400", async (_n, body) => {
    const r = await send(alice, body);
    expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
  });

  it("answers a bad To address in Mailpit's wording (clients match on it)", async () => {
    const r = await send(alice, { To: [{ Email: "not-an-address" }] });
    expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    expect(r.body.error.message).toContain("invalid To address");
  });

  it("answers 413 for a body over the configured limit", async () => {
    const r = await send(alice, { To: [{ Email: bob.email }], Text: "x".repeat(1_200_000) });
    expect([r.status, r.body.error.code]).toEqual([413, "PAYLOAD_TOO_LARGE"]);
  });

  it("sends attachments and Bcc, visible to the sender only", async () => {
    const carol = await registerUser(stack.app, uniq("carol"));
    const r = await send(alice, {
      To: [{ Email: bob.email }],
      Bcc: [carol.email],
      Subject: "report",
      Attachments: [{ Filename: "r.txt", Content: Buffer.from("numbers").toString("base64") }],
    });
    expect(r.status).toBe(200);
    expect(await listIds(carol)).toContain(r.body.ID);
    const asCarol = await carol.json(`/api/v1/message/${r.body.ID}`);
    expect(asCarol.body.Bcc).toEqual([]);
    expect(asCarol.body.Attachments[0].FileName).toBe("r.txt");
    const asAlice = await alice.json(`/api/v1/message/${r.body.ID}`);
    expect(asAlice.body.Bcc.map((a: any) => a.Address)).toEqual([carol.email]);
  });

  it("needs a token", async () => {
    const r = await fetch(`${stack.app.url}/api/v1/send`, jsonInit("POST", { To: [{ Email: bob.email }] }));
    expect(r.status).toBe(401);
    expect(((await r.json()) as any).error.code).toBe("UNAUTHORIZED");
  });
});
