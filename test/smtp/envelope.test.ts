import { beforeAll, describe, expect, it } from "vitest";
import { useStack } from "../support/stack.js";
import { accepted, submit } from "../support/mail.js";
import { registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack();
let alice: TestUser, bob: TestUser, carol: TestUser, dave: TestUser;
const port = () => stack.app.server.smtp.port;

/** sees reports whether `u` can read message `id`, and its summary as `u` sees it. */
async function sees(u: TestUser, id: string) {
  const list = await u.json(`/api/v1/messages?limit=0`);
  const summary = (list.body.messages as { ID: string; Bcc: { Address: string }[] }[]).find((m) => m.ID === id);
  const read = await u.fetch(`/api/v1/message/${id}`);
  await read.body?.cancel();
  return { listed: summary !== undefined, readable: read.status === 200, bcc: summary?.Bcc.map((a) => a.Address) ?? [] };
}

beforeAll(async () => {
  [alice, bob, carol, dave] = (await Promise.all(["alice", "bob", "carol", "dave"].map((n) => registerUser(stack.app, uniq(n))))) as [
    TestUser,
    TestUser,
    TestUser,
    TestUser,
  ];
});

describe("Sandpit's SMTP: ownership comes from the envelope", () => {
  it("gives every RCPT TO the message at once, envelope-only recipients next to a Bcc header included", async () => {
    const raw = [`From: app@shop.test`, `To: ${carol.email}`, `Bcc: ${dave.email}`, `Subject: envelope`, ``, `hello`].join("\r\n");
    const id = accepted(
      await submit(port(), { from: "app@shop.test", raw, envelope: { from: "app@shop.test", to: [carol.email, dave.email, bob.email] } }),
    );
    // Read-your-writes: the 250 came after indexing, so no waiting here.
    for (const u of [carol, dave, bob]) expect([u.email, await sees(u, id)]).toEqual([u.email, { listed: true, readable: true, bcc: [] }]);
    expect(await sees(alice, id)).toEqual({ listed: false, readable: false, bcc: [] });
  });

  it("makes nobody an owner through a forged From without AUTH, while the recipients get the mail", async () => {
    const id = accepted(await submit(port(), { from: alice.email, to: bob.email, subject: "forged", text: "x" }));
    expect((await sees(bob, id)).readable).toBe(true);
    expect(await sees(alice, id)).toEqual({ listed: false, readable: false, bcc: [] });
  });

  it("owns an authenticated user's mail as its sender, who alone sees the Bcc", async () => {
    const id = accepted(
      await submit(
        port(),
        { from: alice.email, to: bob.email, bcc: carol.email, subject: "from alice", text: "x" },
        { auth: { user: alice.email, pass: alice.token } },
      ),
    );
    expect(await sees(alice, id)).toEqual({ listed: true, readable: true, bcc: [carol.email] });
    expect(await sees(bob, id)).toEqual({ listed: true, readable: true, bcc: [] });
    expect(await sees(carol, id)).toEqual({ listed: true, readable: true, bcc: [] });
    expect(await sees(dave, id)).toEqual({ listed: false, readable: false, bcc: [] });
    // The raw source a recipient reads names no Bcc: not in a header, not in a Received `for` clause.
    const raw = await (await bob.fetch(`/api/v1/message/${id}/raw`)).text();
    expect(raw).not.toContain(carol.email);
    expect(raw).toMatch(/by sandpit with ESMTPA id /);
    expect(await (await alice.fetch(`/api/v1/message/${id}/raw`)).text()).toContain(carol.email);
  });

  it("accepts AUTH LOGIN as well as PLAIN", async () => {
    const r = await submit(
      port(),
      { from: bob.email, to: alice.email, subject: "login", text: "x" },
      { auth: { user: bob.email, pass: bob.token }, authMethod: "LOGIN" },
    );
    expect(r.ok).toBe(true);
  });

  it("refuses an authenticated session that sends as someone else, in MAIL FROM or in From or Sender", async () => {
    const auth = { user: alice.email, pass: alice.token };
    const envelopeSpoof = await submit(
      port(),
      { from: alice.email, to: bob.email, envelope: { from: bob.email, to: [carol.email] }, subject: "spoof", text: "x" },
      { auth },
    );
    expect(envelopeSpoof).toMatchObject({ ok: false, code: 550 });
    expect(envelopeSpoof.ok || envelopeSpoof.response).toMatch(/^550 5\.7\.1 you can only send as your own address/);
    const headerSpoof = await submit(
      port(),
      { from: bob.email, to: carol.email, envelope: { from: alice.email, to: [carol.email] }, subject: "spoof", text: "x" },
      { auth },
    );
    expect(headerSpoof).toMatchObject({ ok: false, code: 550 });
    const senderSpoof = await submit(
      port(),
      { from: alice.email, to: carol.email, headers: { Sender: dave.email }, subject: "spoof", text: "x" },
      { auth },
    );
    expect(senderSpoof).toMatchObject({ ok: false, code: 550 });
    // Nothing of it reached anyone.
    const subjects = (await carol.json("/api/v1/messages?limit=0")).body.messages.map((m: { Subject: string }) => m.Subject);
    expect(subjects).not.toContain("spoof");
  });

  it("refuses AUTH with a revoked token, another user's address or a wrong secret: 535 5.7.8", async () => {
    const t = await alice.json("/api/v1/auth/tokens", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ name: "mail" }),
    });
    const token = t.body.token as string;
    expect((await submit(port(), { from: alice.email, to: bob.email, text: "x" }, { auth: { user: alice.email, pass: token } })).ok).toBe(
      true,
    );
    await alice.fetch(`/api/v1/auth/tokens/${t.body.id}`, { method: "DELETE" });
    for (const auth of [
      { user: alice.email, pass: token },
      { user: bob.email, pass: alice.token },
      { user: alice.email, pass: "sp_nope" },
    ]) {
      const r = await submit(port(), { from: auth.user, to: carol.email, text: "x" }, { auth });
      expect([auth.user, r.ok, r.ok || r.response]).toEqual([auth.user, false, expect.stringMatching(/^535 5\.7\.8 /)]);
    }
  });
});
