import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { rawDb } from "../support/db.js";
import { mailpitIds } from "../support/mailpit.js";
import { deliver } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { audit, makeAdmin } from "./helpers.js";

const stack = useStack({ SANDPIT_INBOX_DOMAIN: "ci.sandpit.test", SANDPIT_INBOX_QUOTA: "2", SANDPIT_INBOX_MAX_MINUTES: "60" });

describe("throwaway inboxes (/api/v1/inboxes)", () => {
  it("makes a fresh address with a token that sees that inbox's mail only", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const made = await alice.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 10, name: "Signup-Test" }));
    expect(made.status).toBe(201);
    expect(made.body.address).toMatch(/^signup-test-[0-9a-f]{12}@ci\.sandpit\.test$/);
    expect(Date.parse(made.body.expiresAt) - Date.now()).toBeGreaterThan(9 * 60_000);
    const inbox = asUser(stack.app, made.body.address, made.body.token);
    const me = await inbox.json("/api/v1/auth/me");
    expect(me.body.scopes).toEqual(["read", "write", "send"]);

    const toInbox = await deliver(stack.app.server.smtp.port, {
      from: "app@shop.test",
      to: made.body.address,
      subject: "confirm",
      text: "code 424242",
    });
    const toAlice = await deliver(stack.app.server.smtp.port, { from: "app@shop.test", to: alice.email, subject: "private", text: "x" });
    const ids = async (u: typeof alice) => ((await u.json("/api/v1/messages")).body.messages as { ID: string }[]).map((m) => m.ID);
    await waitFor(async () => (await ids(inbox)).length === 1, "the inbox's mail");
    expect(await ids(inbox)).toEqual([toInbox]);
    expect(await ids(alice)).not.toContain(toInbox);
    expect((await inbox.json(`/api/v1/message/${toAlice}`)).status).toBe(404);
    expect((await alice.json(`/api/v1/message/${toInbox}`)).status).toBe(404);
    const codes = await inbox.json(`/api/v1/message/${toInbox}/codes`);
    expect(codes.body.codes.map((c: { code: string }) => c.code)).toContain("424242");
    // It cannot make inboxes or tokens of its own.
    expect((await inbox.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }))).body.error.code).toBe("SCOPE_REQUIRED");
    expect((await alice.json("/api/v1/inboxes")).body.inboxes.map((i: { address: string }) => i.address)).toEqual([made.body.address]);
  });

  it("answers bad input with 400 and keeps users within their quota; admins are not limited", async () => {
    const bob = await registerUser(stack.app, uniq("bob"));
    for (const body of [
      {},
      { expiresInMinutes: 0 },
      { expiresInMinutes: 61 },
      { expiresInMinutes: 5, name: "no spaces" },
      { expiresInMinutes: 5, x: 1 },
    ]) {
      const r = await bob.json("/api/v1/inboxes", jsonInit("POST", body));
      expect({ body, status: r.status }).toEqual({ body, status: 400 });
    }
    for (let i = 0; i < 2; i++) expect((await bob.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }))).status).toBe(201);
    const over = await bob.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }));
    expect([over.status, over.body.error.message]).toEqual([403, expect.stringContaining("quota")]);
    const admin = await makeAdmin(stack.app);
    const bobId = (await admin.json(`/api/v1/admin/users?query=${encodeURIComponent(bob.email)}`)).body.users[0].id;
    await admin.json(`/api/v1/admin/users/${bobId}`, jsonInit("PATCH", { inboxQuota: 3 }));
    expect((await bob.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }))).status).toBe(201);
    for (let i = 0; i < 4; i++) expect((await admin.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }))).status).toBe(201);
  });

  it("ends early on DELETE by its maker only; anyone else gets 404", async () => {
    const [carol, dan] = [await registerUser(stack.app, uniq("carol")), await registerUser(stack.app, uniq("dan"))];
    const made = (await carol.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }))).body;
    expect((await dan.fetch(`/api/v1/inboxes/${made.address}`, { method: "DELETE" })).status).toBe(404);
    expect((await carol.fetch(`/api/v1/inboxes/${dan.email}`, { method: "DELETE" })).status).toBe(404);
    expect((await carol.fetch(`/api/v1/inboxes/${made.address}`, { method: "DELETE" })).status).toBe(204);
    expect((await asUser(stack.app, made.address, made.token).fetch("/api/v1/messages")).status).toBe(401);
    expect((await carol.json("/api/v1/inboxes")).body.inboxes).toEqual([]);
  });

  it("leaves nothing behind when it expires: no account, token, ownership, nor Mailpit copy nobody else owns", async () => {
    const erin = await registerUser(stack.app, uniq("erin"));
    const made = (await erin.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 1 }))).body;
    const inbox = asUser(stack.app, made.address, made.token);
    const alone = await deliver(stack.app.server.smtp.port, { from: "app@shop.test", to: made.address, subject: "alone", text: "x" });
    const shared = await deliver(stack.app.server.smtp.port, {
      from: "app@shop.test",
      to: [made.address, erin.email],
      subject: "shared",
      text: "x",
    });
    await waitFor(async () => (await inbox.json("/api/v1/messages")).body.messages.length === 2, "indexed");
    const db = await rawDb(stack.app);
    const [row] = await db.query<{ id: number }>("SELECT id FROM users WHERE email = ?", [made.address]);
    // Time passes for the inbox: its end is now.
    await db.query("UPDATE users SET expires_at = ? WHERE id = ?", [Date.now() - 1, row!.id]);
    expect((await inbox.fetch("/api/v1/messages")).status).toBe(401);
    await waitFor(async () => (await db.query("SELECT id FROM users WHERE id = ?", [row!.id])).length === 0, "the inbox ended", 15_000);
    for (const table of ["tokens", "user_addresses", "user_message_state", "folders", "folder_messages"]) {
      expect({ table, rows: await db.query(`SELECT * FROM ${table} WHERE user_id = ?`, [row!.id]) }).toEqual({ table, rows: [] });
    }
    await db.close();
    const upstream = await mailpitIds(stack.mp);
    expect(upstream).not.toContain(alone);
    expect(upstream).toContain(shared);
    expect((await erin.json(`/api/v1/message/${shared}`)).status).toBe(200);
    const admin = await makeAdmin(stack.app);
    expect((await audit(admin, { action: "inbox.expire" })).map((e) => e.target)).toContain(made.address);
  });
});
