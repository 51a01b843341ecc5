import { beforeAll, describe, expect, it } from "vitest";
import { caOf, until } from "../imap/client.js";
import net from "node:net";
import { pop3 } from "../pop3/client.js";
import { rawDb } from "../support/db.js";
import { mailpitIds } from "../support/mailpit.js";
import { deliver, submit } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { audit, makeAdmin, PASSWORD, signIn } from "./helpers.js";

const stack = useStack({ SANDPIT_AUTH_MODE: "password", SANDPIT_REGISTRATION: "closed" });

/** openImap keeps a raw IMAP session open: `send` writes a line and reads what comes back until a tagged answer or BYE. */
async function openImap(port: number, lines: string[]) {
  const socket = net.connect(port, "127.0.0.1");
  let seen = "";
  socket.on("data", (d: Buffer) => (seen += d.toString("latin1")));
  const send = async (line: string) => {
    const from = seen.length;
    socket.write(`${line}\r\n`);
    const tag = line.split(" ")[0]!;
    await until(() => new RegExp(`(^|\r\n)(${tag} (OK|NO|BAD)|[*] BYE)`).test(seen.slice(from)));
    return seen.slice(from);
  };
  await until(() => seen.includes("* OK"));
  for (const l of lines) await send(l);
  return { send, close: () => socket.destroy() };
}

describe("the admin API (/api/v1/admin)", () => {
  let admin: TestUser;
  beforeAll(async () => {
    admin = await makeAdmin(stack.app);
  });

  /** createUser makes a user through the console, with a password, and signs them in. */
  async function createUser(name: string): Promise<{ id: number; user: TestUser; apiToken: TestUser }> {
    const email = uniq(name);
    const made = await admin.json("/api/v1/admin/users", jsonInit("POST", { email, name, password: PASSWORD }));
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({ email, name, isAdmin: false, disabled: false, addresses: [email] });
    const user = await signIn(stack.app, email);
    const t = await user.json("/api/v1/auth/tokens", jsonInit("POST", { name: "ci" }));
    return { id: made.body.id as number, user, apiToken: asUser(stack.app, email, t.body.token as string) };
  }

  it("creates users, finds them by address or name, and pages", async () => {
    const { id, user } = await createUser("findme");
    const found = await admin.json(`/api/v1/admin/users?query=${encodeURIComponent(user.email.slice(0, 12))}`);
    expect(found.body.users.map((u: { id: number }) => u.id)).toEqual([id]);
    const page = await admin.json("/api/v1/admin/users?limit=1&start=0");
    expect(page.body.users).toHaveLength(1);
    expect(page.body.total).toBeGreaterThanOrEqual(2);
    const one = await admin.json(`/api/v1/admin/users/${id}`);
    expect(one.body.tokens.map((t: { kind: string }) => t.kind).sort()).toEqual(["api", "session"]);
    expect(JSON.stringify(one.body)).not.toContain(user.token.slice(16));
  });

  it("answers bad input with 400s and missing users with 404", async () => {
    const cases: [string, RequestInit, number][] = [
      ["/api/v1/admin/users", jsonInit("POST", { email: "not-an-address" }), 400],
      ["/api/v1/admin/users", jsonInit("POST", { email: uniq("x"), extra: 1 }), 400],
      ["/api/v1/admin/users?limit=0", {}, 400],
      ["/api/v1/admin/users/abc", {}, 400],
      ["/api/v1/admin/users/999999", {}, 404],
      ["/api/v1/admin/users/999999", jsonInit("PATCH", { disabled: true }), 404],
      ["/api/v1/admin/users/1", jsonInit("PATCH", {}), 400],
      ["/api/v1/admin/audit?since=yesterday", {}, 400],
      ["/api/v1/admin/tokens/nope", { method: "DELETE" }, 404],
    ];
    for (const [path, init, status] of cases) {
      const r = await admin.json(path, init);
      expect({ path, status: r.status, code: typeof r.body?.error?.code }).toEqual({ path, status, code: "string" });
    }
    const weak = await admin.json("/api/v1/admin/users", jsonInit("POST", { email: uniq("weak"), password: "short" }));
    expect(weak.status).toBe(400);
    expect(weak.body.error.message).toContain("at least 10 characters");
  });

  it("refuses non-admins (ADMIN_ONLY), an admin's token without the admin scope (SCOPE_REQUIRED), and oneself", async () => {
    const { user } = await createUser("plain");
    for (const path of ["/api/v1/admin/users", "/api/v1/admin/instance", "/api/v1/admin/audit"]) {
      const r = await user.json(path);
      expect([path, r.status, r.body.error.code]).toEqual([path, 403, "ADMIN_ONLY"]);
    }
    const limited = await admin.json("/api/v1/auth/tokens", jsonInit("POST", { name: "no admin", scopes: ["read", "manage"] }));
    const r = await asUser(stack.app, admin.email, limited.body.token as string).json("/api/v1/admin/users");
    expect([r.status, r.body.error.code, r.body.error.details]).toEqual([403, "SCOPE_REQUIRED", { scope: "admin" }]);
    const me = (await admin.json("/api/v1/auth/me")).body.user.id as number;
    const self = await admin.json(`/api/v1/admin/users/${me}`, jsonInit("PATCH", { disabled: true }));
    expect(self.status).toBe(400);
    expect((await admin.json(`/api/v1/admin/users/${me}`, { method: "DELETE" })).status).toBe(400);
  });

  it("disables a user: every door stops at once, open sessions included; enabling brings the tokens back", async () => {
    const { id, user, apiToken } = await createUser("dis");
    const session = await openImap(stack.app.server.imap.port, [`a LOGIN ${user.email} ${apiToken.token}`, "b SELECT INBOX"]);
    const p = await pop3(stack);
    await p.cmd(`USER ${user.email}`);
    expect(await p.cmd(`PASS ${apiToken.token}`)).toMatch(/^\+OK/);

    const off = await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { disabled: true }));
    expect([off.status, off.body.disabled]).toEqual([200, true]);
    expect((await user.fetch("/api/v1/messages")).status).toBe(401);
    expect((await apiToken.fetch("/api/v1/messages")).status).toBe(401);
    const basic = await fetch(`${stack.app.url}/api/v1/messages`, {
      headers: { authorization: `Basic ${Buffer.from(`${user.email}:${apiToken.token}`).toString("base64")}` },
    });
    expect(basic.status).toBe(401);
    expect((await fetch(`${stack.app.url}/api/v1/auth/login`, jsonInit("POST", { email: user.email, password: PASSWORD }))).status).toBe(
      401,
    );
    expect(await session.send("c NOOP")).toMatch(/\* BYE this account was disabled/);
    expect(await p.cmd("STAT")).toMatch(/^-ERR \[AUTH\]/);
    p.close();
    const smtp = await submit(
      stack.app.server.smtp.port,
      { from: user.email, to: admin.email, subject: "x", text: "x" },
      { auth: { user: user.email, pass: apiToken.token }, tls: { ca: caOf(stack) } },
    );
    expect(smtp).toMatchObject({ ok: false, code: 535 });

    session.close();
    const on = await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { disabled: false }));
    expect(on.body.disabled).toBe(false);
    expect((await apiToken.fetch("/api/v1/messages")).status).toBe(200);
    const actions = (await audit(admin, { user: String(id), action: "admin." })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(["admin.user_disable", "admin.user_enable", "admin.user_create"]));
  });

  it("makes and unmakes admins, manages addresses and catch-all domains, and revokes tokens", async () => {
    const { id, user, apiToken } = await createUser("managed");
    expect((await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { isAdmin: true }))).body.isAdmin).toBe(true);
    // A session has every scope of its user; a token made before keeps the scopes it was made with.
    expect((await user.json("/api/v1/admin/instance")).status).toBe(200);
    expect((await apiToken.json("/api/v1/admin/instance")).body.error.code).toBe("SCOPE_REQUIRED");
    expect((await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { isAdmin: false }))).body.isAdmin).toBe(false);
    expect((await user.json("/api/v1/admin/instance")).body.error.code).toBe("ADMIN_ONLY");

    const alias = uniq("alias");
    expect((await admin.json(`/api/v1/admin/users/${id}/addresses`, jsonInit("POST", { address: alias }))).status).toBe(201);
    const domain = `run-${Date.now()}.test`;
    expect((await admin.json(`/api/v1/admin/users/${id}/domains`, jsonInit("POST", { domain }))).status).toBe(201);
    expect((await admin.json(`/api/v1/admin/users/${id}`)).body).toMatchObject({ addresses: [user.email, alias], domains: [domain] });
    expect((await admin.json(`/api/v1/admin/users/${id}/addresses/${alias}`, { method: "DELETE" })).status).toBe(204);
    expect((await admin.json(`/api/v1/admin/domains/${domain}`, { method: "DELETE" })).status).toBe(204);
    expect((await admin.json(`/api/v1/admin/users/${id}`)).body).toMatchObject({ addresses: [user.email], domains: [] });

    const tokens = (await admin.json(`/api/v1/admin/users/${id}`)).body.tokens as { id: string; kind: string }[];
    const session = tokens.find((t) => t.kind === "session")!;
    expect((await admin.json(`/api/v1/admin/tokens/${session.id}`, { method: "DELETE" })).status).toBe(200);
    expect((await user.fetch("/api/v1/messages")).status).toBe(401);
    expect((await apiToken.fetch("/api/v1/messages")).status).toBe(200);
    expect((await admin.json(`/api/v1/admin/users/${id}/tokens`, { method: "DELETE" })).body.revoked).toBe(1);
    expect((await apiToken.fetch("/api/v1/messages")).status).toBe(401);
  });

  it("deletes a user with their mail ownership; Mailpit keeps only what someone else still owns", async () => {
    const { id, user } = await createUser("leaver");
    const { user: stayer } = await createUser("stayer");
    const alone = await deliver(stack.app.server.smtp.port, { from: "app@shop.test", to: user.email, subject: "alone", text: "x" });
    const shared = await deliver(stack.app.server.smtp.port, {
      from: "app@shop.test",
      to: [user.email, stayer.email],
      subject: "shared",
      text: "x",
    });
    expect((await admin.json(`/api/v1/admin/users/${id}`, { method: "DELETE" })).status).toBe(204);
    expect((await admin.json(`/api/v1/admin/users/${id}`)).status).toBe(404);
    expect((await user.fetch("/api/v1/messages")).status).toBe(401);
    const upstream = await mailpitIds(stack.mp);
    expect(upstream).not.toContain(alone);
    expect(upstream).toContain(shared);
    expect((await stayer.json(`/api/v1/message/${shared}`)).status).toBe(200);
    // The address is free again.
    expect((await admin.json("/api/v1/admin/users", jsonInit("POST", { email: user.email, password: PASSWORD }))).status).toBe(201);
  });

  it("reports the instance: Mailpit, messages, users, index lag and the store", async () => {
    const r = await admin.json("/api/v1/admin/instance");
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      mailpit: { ok: true, version: expect.stringMatching(/^v1\.30\.5/) },
      messages: expect.any(Number),
      users: expect.any(Number),
      sessions: expect.any(Number),
      index: { lag: expect.any(Number) },
      store: { kind: stack.app.server.deps.config.db.kind === "postgres" ? "postgres" : "sqlite", bytes: expect.any(Number) },
    });
    expect(r.body.store.bytes).toBeGreaterThan(0);
  });

  it("keeps an audit log with filters and paging, and shows me my own activity only", async () => {
    const { user } = await createUser("audited");
    await fetch(`${stack.app.url}/api/v1/auth/login`, jsonInit("POST", { email: user.email, password: "wrong password here" }));
    const failed = await audit(admin, { actor: user.email, action: "login", result: "failed" });
    expect(failed[0]).toMatchObject({ action: "login", result: "failed", ip: expect.any(String) });
    const paged = await admin.json("/api/v1/admin/audit?limit=2&start=1");
    expect(paged.body.entries).toHaveLength(2);
    expect(paged.body.total).toBeGreaterThan(3);
    const mine = await user.json("/api/v1/auth/activity");
    expect(mine.status).toBe(200);
    const actors = new Set((mine.body.entries as { actor: string; targetUserId: number | null }[]).map((e) => e.actor));
    expect([...actors].every((a) => a === user.email || a === admin.email)).toBe(true);
    expect(mine.body.entries.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(["login", "token.create"]));
  });

  it("deletes audit rows past SANDPIT_AUDIT_RETENTION_DAYS (90) and keeps the rest", async () => {
    const db = await rawDb(stack.app);
    const old = Date.now() - 91 * 86_400_000;
    await db.query("INSERT INTO audit_log (at, actor, action, target, result, detail) VALUES (?, 'x', 'old.action', '', 'ok', '')", [old]);
    await db.query("INSERT INTO audit_log (at, actor, action, target, result, detail) VALUES (?, 'x', 'recent.action', '', 'ok', '')", [
      Date.now() - 89 * 86_400_000,
    ]);
    await stack.app.server.deps.maintenance.hourly();
    const left = await db.query<{ action: string }>("SELECT action FROM audit_log WHERE actor = 'x'");
    await db.close();
    expect(left.map((r) => r.action)).toEqual(["recent.action"]);
  });
});
