import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { rawDb } from "../support/db.js";
import { followEvents } from "../support/events.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack();

/** openStream reads /api/v1/events, recording the `new` message IDs and whether the stream ended. */
async function openStream(user: TestUser) {
  const res = await user.fetch("/api/v1/events");
  expect(res.status).toBe(200);
  const state = { ids: [] as string[], ended: false };
  void followEvents(res, (e) => e.event === "new" && e.id && state.ids.push(e.id)).then(() => (state.ended = true));
  return state;
}

/** apiToken creates a second token of `user`, so the first can revoke it. */
async function apiToken(user: TestUser): Promise<{ user: TestUser; id: string }> {
  const r = await user.json("/api/v1/auth/tokens", jsonInit("POST", { name: "stream" }));
  return { user: asUser(stack.app, user.email, r.body.token), id: r.body.id };
}

const mailTo = (to: string, subject: string) => deliver(stack.mp.smtpPort, { from: "app@shop.test", to, subject, text: "code 123456" });

describe("a token that stops working ends what it opened", () => {
  it("ends an event stream when its token is revoked, and sends no mail after", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const t = await apiToken(alice);
    const stream = await openStream(t.user);
    const before = await mailTo(alice.email, "before revocation");
    await waitFor(() => stream.ids.includes(before), "the event before revocation");

    expect((await alice.fetch(`/api/v1/auth/tokens/${t.id}`, { method: "DELETE" })).status).toBe(204);
    await waitFor(() => stream.ended, "the stream to end", 5_000);
    const after = await mailTo(alice.email, "after revocation");
    await waitFor(async () => (await alice.json("/api/v1/messages")).body.messages.some((m: { ID: string }) => m.ID === after), "indexed");
    expect(stream.ids).toEqual([before]);
  });

  it("ends an event stream when its session logs out, and when its token expires", async () => {
    const bob = await registerUser(stack.app, uniq("bob"));
    const loggedOut = await openStream(bob);
    expect((await bob.fetch("/api/v1/auth/logout", { method: "POST" })).status).toBe(204);
    await waitFor(() => loggedOut.ended, "the logged-out stream to end", 5_000);

    const carol = await registerUser(stack.app, uniq("carol"));
    const t = await apiToken(carol);
    const expiring = await openStream(t.user);
    // Time passes: the token's expiry is now in the past.
    const db = await rawDb(stack.app);
    await db.query("UPDATE tokens SET expires_at = ? WHERE id = ?", [Date.now() - 1, t.id]);
    await db.close();
    await waitFor(() => expiring.ended, "the expired stream to end", 5_000);
  });

  it("answers a wait started before revocation with 401, never with the mail", async () => {
    const dave = await registerUser(stack.app, uniq("dave"));
    const t = await apiToken(dave);
    const waiting = t.user.json("/api/v1/wait?subject=secret&timeout=20");
    expect((await dave.fetch(`/api/v1/auth/tokens/${t.id}`, { method: "DELETE" })).status).toBe(204);
    await mailTo(dave.email, "your secret code");
    const reply = await waiting;
    expect(reply.status).toBe(401);
    expect(reply.body.error.code).toBe("UNAUTHORIZED");
    expect(JSON.stringify(reply.body)).not.toContain("secret code");
  });

  it("purges expired tokens from the store", async () => {
    const erin = await registerUser(stack.app, uniq("erin"));
    const t = await apiToken(erin);
    const db = await rawDb(stack.app);
    await db.query("UPDATE tokens SET expires_at = ? WHERE id = ?", [Date.now() - 1, t.id]);
    expect(await stack.app.server.deps.maintenance.purgeExpiredTokens()).toBeGreaterThanOrEqual(1);
    expect(await db.query("SELECT id FROM tokens WHERE id = ?", [t.id])).toEqual([]);
    await db.close();
    expect((await erin.fetch("/api/v1/messages")).status).toBe(200);
  });
});
