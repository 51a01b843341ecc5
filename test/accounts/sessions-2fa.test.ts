import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { startApp } from "../support/app.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { audit, login, makeAdmin, PASSWORD, signIn } from "./helpers.js";

const stack = useStack({ SANDPIT_AUTH_MODE: "password" });

const codeFor = (secret: string, at = Date.now()) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

describe("sessions", () => {
  it("end after being idle, while a session in use goes on", async () => {
    // A Sandpit of its own whose sessions idle out after 3 s.
    const app = await startApp(stack.mp, { SANDPIT_AUTH_MODE: "password", SANDPIT_SESSION_IDLE_MINUTES: "0.05" });
    try {
      const email = uniq("idle");
      await registerUser(app, email, { password: PASSWORD });
      const idle = await signIn(app, email);
      const busy = await signIn(app, email);
      const api = await busy.json("/api/v1/auth/tokens", jsonInit("POST", { name: "ci" }));
      const deadline = Date.now() + 4500;
      while (Date.now() < deadline) {
        expect((await busy.fetch("/api/v1/messages")).status).toBe(200);
        await new Promise((r) => setTimeout(r, 400));
      }
      const gone = await idle.json("/api/v1/messages");
      expect([gone.status, gone.body.error.message]).toEqual([401, "session ended after being idle"]);
      // API tokens do not idle out.
      const t = await fetch(`${app.url}/api/v1/messages`, { headers: { authorization: `Bearer ${api.body.token}` } });
      expect(t.status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it("log out everywhere ends every session of mine, this one included, and keeps API tokens", async () => {
    const email = uniq("everywhere");
    await registerUser(stack.app, email, { password: PASSWORD });
    const [a, b] = [await signIn(stack.app, email), await signIn(stack.app, email)];
    const api = await a.json("/api/v1/auth/tokens", jsonInit("POST", { name: "ci" }));
    const other = await registerUser(stack.app, uniq("other"), { password: PASSWORD });
    const r = await a.json("/api/v1/auth/logout-everywhere", { method: "POST" });
    expect([r.status, r.body.ended]).toEqual([200, 3]);
    expect((await a.fetch("/api/v1/messages")).status).toBe(401);
    expect((await b.fetch("/api/v1/messages")).status).toBe(401);
    expect((await other.fetch("/api/v1/messages")).status).toBe(200);
    expect((await fetch(`${stack.app.url}/api/v1/messages`, { headers: { authorization: `Bearer ${api.body.token}` } })).status).toBe(200);
  });

  it("a password change ends my other sessions", async () => {
    const email = uniq("changer");
    await registerUser(stack.app, email, { password: PASSWORD });
    const [here, there] = [await signIn(stack.app, email), await signIn(stack.app, email)];
    const changed = await here.fetch("/api/v1/auth/password", jsonInit("POST", { current: PASSWORD, password: "another fine passphrase" }));
    expect(changed.status).toBe(204);
    expect((await here.fetch("/api/v1/messages")).status).toBe(200);
    expect((await there.fetch("/api/v1/messages")).status).toBe(401);
  });
});

describe("two-factor sign-in (TOTP)", () => {
  it("enrols with a QR code, then asks for a code at login; recovery codes work once; it can be turned off", async () => {
    const email = uniq("totp");
    await registerUser(stack.app, email, { password: PASSWORD });
    const me = await signIn(stack.app, email);
    const setup = await me.json("/api/v1/auth/2fa/setup", { method: "POST" });
    expect(setup.status).toBe(200);
    expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/Sandpit:/);
    expect(setup.body.qrSvg).toMatch(/^<svg/);
    expect((await me.json("/api/v1/auth/2fa")).body).toEqual({ enabled: false, pending: true, recoveryCodesLeft: 0 });
    // Nothing is required until it is confirmed with a right code.
    expect((await login(stack.app, email, PASSWORD)).status).toBe(200);
    expect((await me.json("/api/v1/auth/2fa/enable", jsonInit("POST", { code: "000000" }))).status).toBe(400);
    const on = await me.json("/api/v1/auth/2fa/enable", jsonInit("POST", { code: codeFor(setup.body.secret) }));
    expect(on.status).toBe(200);
    const recovery = on.body.recoveryCodes as string[];
    expect(recovery).toHaveLength(10);

    const noCode = await login(stack.app, email, PASSWORD);
    expect([noCode.status, noCode.body.error.code]).toEqual([401, "TOTP_REQUIRED"]);
    const wrong = await login(stack.app, email, PASSWORD, "123456");
    expect([wrong.status, wrong.body.error.message]).toEqual([401, "invalid two-factor code"]);
    expect((await login(stack.app, email, "wrong password!!", codeFor(setup.body.secret))).status).toBe(401);
    expect((await login(stack.app, email, PASSWORD, codeFor(setup.body.secret))).status).toBe(200);
    expect((await login(stack.app, email, PASSWORD, recovery[0])).status).toBe(200);
    expect((await login(stack.app, email, PASSWORD, recovery[0])).status).toBe(401);
    expect((await me.json("/api/v1/auth/2fa")).body).toEqual({ enabled: true, pending: false, recoveryCodesLeft: 9 });
    expect((await me.json("/api/v1/auth/2fa/setup", { method: "POST" })).status).toBe(409);

    expect((await me.json("/api/v1/auth/2fa/disable", jsonInit("POST", { code: "999999" }))).status).toBe(403);
    expect((await me.json("/api/v1/auth/2fa/disable", jsonInit("POST", { code: recovery[1] }))).status).toBe(204);
    expect((await login(stack.app, email, PASSWORD)).status).toBe(200);

    const admin = await makeAdmin(stack.app);
    const actions = (await audit(admin, { actor: email })).map((e) => `${e.action}:${e.result}`);
    expect(actions).toEqual(expect.arrayContaining(["totp.enable:ok", "totp.enable:failed", "totp.disable:ok", "login:failed"]));
  });

  it("counts wrong codes as failed logins, up to the lock-out", async () => {
    const app = await startApp(stack.mp, { SANDPIT_AUTH_MODE: "password", SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "3" });
    try {
      const email = uniq("guessed");
      await registerUser(app, email, { password: PASSWORD });
      const me = await signIn(app, email);
      const { secret } = (await me.json("/api/v1/auth/2fa/setup", { method: "POST" })).body;
      await me.json("/api/v1/auth/2fa/enable", jsonInit("POST", { code: codeFor(secret) }));
      for (let i = 0; i < 3; i++) expect((await login(app, email, PASSWORD, "111111")).status).toBe(401);
      const locked = await login(app, email, PASSWORD, codeFor(secret));
      expect(locked.status).toBe(429);
      expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    } finally {
      await app.stop();
    }
  });

  it("SANDPIT_ADMIN_2FA=required: an admin without it may sign in and enrol, but not act as admin", async () => {
    const app = await startApp(stack.mp, { SANDPIT_AUTH_MODE: "password", SANDPIT_ADMIN_2FA: "required" });
    try {
      const admin = await makeAdmin(app);
      const refused = await admin.json("/api/v1/admin/users");
      expect([refused.status, refused.body.error.message]).toEqual([403, expect.stringContaining("two-factor")]);
      const { secret } = (await admin.json("/api/v1/auth/2fa/setup", { method: "POST" })).body;
      expect((await admin.json("/api/v1/auth/2fa/enable", jsonInit("POST", { code: codeFor(secret) }))).status).toBe(200);
      expect((await admin.json("/api/v1/admin/users")).status).toBe(200);
    } finally {
      await app.stop();
    }
  });

  it("is for password mode only", async () => {
    const app = await startApp(stack.mp);
    try {
      const user = await registerUser(app, uniq("open"));
      const r = await user.json("/api/v1/auth/2fa/setup", { method: "POST" });
      expect([r.status, r.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    } finally {
      await app.stop();
    }
  });
});
