import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { startApp } from "../support/app.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { login, makeAdmin, PASSWORD, signIn } from "./helpers.js";

const stack = useStack({ SANDPIT_AUTH_MODE: "password", SANDPIT_INBOX_DOMAIN: "tmp.sandpit.test" });

describe("what the security review of the accounts work asked for", () => {
  it("keeps the inbox domain for inboxes: nobody registers, aliases or catches an address there", async () => {
    const admin = await makeAdmin(stack.app);
    const reg = await fetch(
      `${stack.app.url}/api/v1/auth/register`,
      jsonInit("POST", { email: "inbox-0123456789ab@tmp.sandpit.test", password: PASSWORD }),
    );
    expect(reg.status).toBe(400);
    const me = (await admin.json("/api/v1/auth/me")).body.user.id;
    expect((await admin.json(`/api/v1/admin/users/${me}/addresses`, jsonInit("POST", { address: "x@tmp.sandpit.test" }))).status).toBe(400);
    expect((await admin.json(`/api/v1/admin/users/${me}/domains`, jsonInit("POST", { domain: "tmp.sandpit.test" }))).status).toBe(400);
  });

  it("stops a disabled user's inboxes with them, and an inbox never signs in by password", async () => {
    const admin = await makeAdmin(stack.app);
    const email = uniq("maker");
    await registerUser(stack.app, email, { password: PASSWORD });
    const maker = await signIn(stack.app, email);
    const made = (await maker.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 10 }))).body;
    const inbox = asUser(stack.app, made.address, made.token);
    expect((await inbox.fetch("/api/v1/messages")).status).toBe(200);
    const id = (await maker.json("/api/v1/auth/me")).body.user.id;
    await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { disabled: true }));
    expect((await inbox.fetch("/api/v1/messages")).status).toBe(401);
    await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { disabled: false }));
    expect((await inbox.fetch("/api/v1/messages")).status).toBe(200);
    expect((await login(stack.app, made.address, PASSWORD)).status).toBe(401);
  });

  it("lets an admin turn off a user's lost two-factor, and counts wrong codes when turning it off", async () => {
    const app = await startApp(stack.mp, { SANDPIT_AUTH_MODE: "password", SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "2" });
    try {
      const admin = await makeAdmin(app);
      const email = uniq("lost");
      await registerUser(app, email, { password: PASSWORD });
      const me = await signIn(app, email);
      const { secret } = (await me.json("/api/v1/auth/2fa/setup", { method: "POST" })).body;
      await me.json("/api/v1/auth/2fa/enable", jsonInit("POST", { code: new TOTP({ secret: Secret.fromBase32(secret) }).generate() }));
      for (let i = 0; i < 2; i++)
        expect((await me.json("/api/v1/auth/2fa/disable", jsonInit("POST", { code: "000000" }))).status).toBe(403);
      expect((await me.json("/api/v1/auth/2fa/disable", jsonInit("POST", { code: "000000" }))).status).toBe(429);
      const id = (await me.json("/api/v1/auth/me")).body.user.id;
      const off = await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { twoFactor: false }));
      expect([off.status, off.body.twoFactor]).toEqual([200, false]);
      expect((await admin.json(`/api/v1/admin/users/${id}`, jsonInit("PATCH", { twoFactor: true }))).status).toBe(400);
    } finally {
      await app.stop();
    }
  });

  it("counts registrations made with any non-admin token, and wrong current passwords", async () => {
    const app = await startApp(stack.mp, {
      SANDPIT_AUTH_MODE: "password",
      SANDPIT_REGISTRATIONS_PER_HOUR: "2",
      SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "2",
    });
    try {
      const first = await registerUser(app, uniq("first"), { password: PASSWORD });
      const statuses = [];
      for (let i = 0; i < 2; i++) {
        statuses.push((await first.fetch("/api/v1/auth/register", jsonInit("POST", { email: uniq("more"), password: PASSWORD }))).status);
      }
      expect(statuses).toEqual([201, 429]);
      const admin = await makeAdmin(app);
      expect((await admin.fetch("/api/v1/auth/register", jsonInit("POST", { email: uniq("byadmin"), password: PASSWORD }))).status).toBe(
        201,
      );

      const change = () =>
        first.fetch("/api/v1/auth/password", jsonInit("POST", { current: "not my password", password: "a new passphrase" }));
      expect([(await change()).status, (await change()).status, (await change()).status]).toEqual([403, 403, 429]);
    } finally {
      await app.stop();
    }
  });

  it("refuses a mail relay without SANDPIT_PUBLIC_URL, big ids with 400, and keeps my activity to manage tokens", async () => {
    expect(() => loadConfig({ SANDPIT_RELAY_URL: "smtp://relay.test:25" })).toThrow(/SANDPIT_PUBLIC_URL/);
    const admin = await makeAdmin(stack.app);
    expect((await admin.json("/api/v1/admin/users/3000000000")).status).toBe(400);
    expect((await admin.json("/api/v1/admin/audit?user=3000000000")).status).toBe(400);
    const read = await admin.json("/api/v1/auth/tokens", jsonInit("POST", { name: "r", scopes: ["read"] }));
    const r = await asUser(stack.app, admin.email, read.body.token).json("/api/v1/auth/activity");
    expect([r.status, r.body.error.code]).toEqual([403, "SCOPE_REQUIRED"]);
  });
});
