import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/lib/log.js";
import { startServer } from "../../src/server.js";
import { startApp, type TestApp } from "../support/app.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { rawRequest } from "../support/raw-http.js";
import { asUser, jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const PASSWORD = "correct horse battery staple";
let mp: TestMailpit;
let openApp: TestApp;
let allowApp: TestApp;
/** Password mode: an account locks after 3 failures. */
let pwApp: TestApp;
/** Password mode: a client locks after 4 failures, whatever the accounts. */
let clientApp: TestApp;
/** Password mode with limits nobody reaches here. */
let roomyApp: TestApp;

beforeAll(async () => {
  const relayConfig = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-relay-")), "relay.yml");
  fs.writeFileSync(relayConfig, "host: relay.example.test\nport: 2525\nreturn-path: bounces@relay.example.test\n");
  mp = await startMailpit(undefined, ["--smtp-relay-config", relayConfig]);
  const pw = (perAccount: number, perClient: number) => ({
    SANDPIT_AUTH_MODE: "password",
    SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: String(perAccount),
    SANDPIT_LOGIN_FAILURES_PER_CLIENT: String(perClient),
  });
  [openApp, allowApp, pwApp, clientApp, roomyApp] = await Promise.all([
    startApp(mp),
    startApp(mp, { SANDPIT_ALLOWED_HOSTS: "sandpit.example.test" }),
    startApp(mp, pw(3, 1000)),
    startApp(mp, pw(3, 4)),
    startApp(mp, pw(1000, 1000)),
  ]);
});

afterAll(async () => {
  await Promise.all([openApp?.stop(), allowApp?.stop(), pwApp?.stop(), clientApp?.stop(), roomyApp?.stop()]);
  await mp?.stop();
});

const post = (app: TestApp, p: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${app.url}${p}`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

describe("DNS rebinding: the Host and Origin allow-list guards every route", () => {
  const port = () => new URL(openApp.url).port;
  const routes = (token: string) => [
    { method: "POST", path: "/api/v1/auth/login", body: JSON.stringify({ email: "alice@example.test" }) },
    { method: "POST", path: "/api/v1/auth/register", body: JSON.stringify({ email: uniq("rebind") }) },
    { method: "POST", path: "/api/v1/ui/login", body: JSON.stringify({ email: "alice@example.test" }), csrf: true },
    { method: "GET", path: "/api/v1/messages", token },
    { method: "GET", path: "/api/v1/message/latest", token },
    { method: "GET", path: "/view/latest", token },
    { method: "GET", path: "/" },
    { method: "POST", path: "/mcp", token, body: "{}" },
  ];
  const send = (app: TestApp, r: ReturnType<typeof routes>[number], headers: Record<string, string>) =>
    rawRequest(app.url, {
      method: r.method,
      path: r.path,
      body: r.body,
      headers: {
        ...headers,
        ...(r.body ? { "content-type": "application/json" } : {}),
        ...(r.token ? { authorization: `Bearer ${r.token}` } : {}),
        ...(r.csrf ? { "x-sandpit-csrf": "1" } : {}),
      },
    });

  it("refuses a foreign Host, with or without a matching Origin, with 403 naming the setting", async () => {
    const alice = await registerUser(openApp, uniq("alice"));
    for (const r of routes(alice.token)) {
      for (const headers of [
        { host: `attacker.example:${port()}` } as Record<string, string>,
        { host: `attacker.example:${port()}`, origin: `http://attacker.example:${port()}` },
      ]) {
        const reply = await send(openApp, r, headers);
        expect([r.method, r.path, reply.status]).toEqual([r.method, r.path, 403]);
        expect(reply.body.error.code).toBe("FORBIDDEN");
        expect(reply.body.error.message).toContain("SANDPIT_ALLOWED_HOSTS");
      }
    }
  });

  it("refuses a foreign Origin on an allowed Host", async () => {
    const alice = await registerUser(openApp, uniq("alice"));
    for (const r of routes(alice.token)) {
      const reply = await send(openApp, r, { host: `localhost:${port()}`, origin: "http://attacker.example" });
      expect([r.path, reply.status, reply.body?.error?.code]).toEqual([r.path, 403, "FORBIDDEN"]);
    }
  });

  it("serves loopback names, IP literals and SANDPIT_ALLOWED_HOSTS, and health checks under any name", async () => {
    const alice = await registerUser(allowApp, uniq("alice"));
    const list = { method: "GET", path: "/api/v1/messages", token: alice.token };
    const p = new URL(allowApp.url).port;
    for (const host of [`localhost:${p}`, `127.0.0.1:${p}`, `[::1]:${p}`, `192.168.7.20:${p}`, `sandpit.example.test:${p}`]) {
      const reply = await send(allowApp, list, { host, origin: `http://${host}` });
      expect([host, reply.status]).toEqual([host, 200]);
    }
    expect((await send(allowApp, list, { host: `other.example.test:${p}` })).status).toBe(403);
    for (const health of ["/healthz", "/readyz"]) {
      expect((await rawRequest(allowApp.url, { path: health, headers: { host: "probe.internal:8025" } })).status).toBe(200);
    }
  });
});

describe("password logins are throttled", () => {
  it("locks an account after its failures, the right password included, with 429 and Retry-After", async () => {
    const email = uniq("victim");
    expect((await post(pwApp, "/api/v1/auth/register", { email, password: PASSWORD })).status).toBe(201);
    for (let i = 0; i < 3; i++) {
      expect((await post(pwApp, "/api/v1/auth/login", { email, password: `wrong password ${i}` })).status).toBe(401);
    }
    const locked = await post(pwApp, "/api/v1/auth/login", { email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await locked.json()) as any).error.code).toBe("RATE_LIMITED");
    // The web UI's login is the same door.
    const ui = await post(pwApp, "/api/v1/ui/login", { email, password: PASSWORD }, { "x-sandpit-csrf": "1" });
    expect(ui.status).toBe(429);
  });

  it("locks a client that guesses across accounts", async () => {
    const [a, b, c, d] = [uniq("a"), uniq("b"), uniq("c"), uniq("d")];
    for (const email of [a, b, c, d])
      expect((await post(clientApp, "/api/v1/auth/register", { email, password: PASSWORD })).status).toBe(201);
    // 2 + 1 + 1 failures: no account reaches its 3, the client reaches its 4.
    for (const email of [a, a, b, c]) {
      expect((await post(clientApp, "/api/v1/auth/login", { email, password: "not the password" })).status).toBe(401);
    }
    const blocked = await post(clientApp, "/api/v1/auth/login", { email: d, password: PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
  });

  it("bounds concurrent password checks: a burst gets 429 RATE_LIMITED for the excess, never a 500", async () => {
    const replies = await Promise.all(
      Array.from({ length: 60 }, (_, i) =>
        post(roomyApp, "/api/v1/auth/login", { email: `guess${i}@example.test`, password: "some guess 123" }),
      ),
    );
    const statuses = replies.map((r) => r.status);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThan(0);
    expect(statuses.filter((s) => s === 401).length).toBeGreaterThan(0);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    expect(replies.find((r) => r.status === 429)!.headers.get("retry-after")).toBe("1");
    await Promise.all(replies.map((r) => r.arrayBuffer()));
  });

  it("spends the same work on an unknown address as on a wrong password", async () => {
    const email = uniq("timed");
    expect((await post(roomyApp, "/api/v1/auth/register", { email, password: PASSWORD })).status).toBe(201);
    const time = async (who: string) => {
      const t = performance.now();
      await (await post(roomyApp, "/api/v1/auth/login", { email: who, password: "a wrong guess 1" })).arrayBuffer();
      return performance.now() - t;
    };
    const median = async (who: () => string) => {
      const xs: number[] = [];
      for (let i = 0; i < 3; i++) xs.push(await time(who()));
      return xs.sort((x, y) => x - y)[1]!;
    };
    const known = await median(() => email);
    const unknown = await median(() => uniq("ghost"));
    // Without the equalising hash an unknown address answers ~50x faster than a wrong password.
    expect(unknown).toBeGreaterThan(known * 0.3);
  });
});

describe("accounts", () => {
  it("answers concurrent registrations of one address with one 201 and 409 CONFLICT for the rest", async () => {
    const email = uniq("race");
    const replies = await Promise.all(
      Array.from({ length: 8 }, () => post(roomyApp, "/api/v1/auth/register", { email, password: PASSWORD })),
    );
    const statuses = replies.map((r) => r.status).sort();
    expect(statuses).toEqual([201, 409, 409, 409, 409, 409, 409, 409]);
    const conflict = replies.find((r) => r.status === 409)!;
    expect(((await conflict.json()) as any).error.code).toBe("CONFLICT");
  });

  it("refuses a name with CR or LF at registration, as PATCH /me does", async () => {
    const reply = await post(openApp, "/api/v1/auth/register", { email: uniq("crlf"), name: "Eve\r\nBcc: victim@example.test" });
    expect(reply.status).toBe(400);
    expect(((await reply.json()) as any).error.details[0].path).toBe("name");
  });

  it("ends the user's other sessions when the password changes, keeping this one and API tokens", async () => {
    const email = uniq("changer");
    expect((await post(roomyApp, "/api/v1/auth/register", { email, password: PASSWORD })).status).toBe(201);
    const login = async () =>
      ((await (await post(roomyApp, "/api/v1/auth/login", { email, password: PASSWORD })).json()) as any).token as string;
    const [here, elsewhere] = [asUser(roomyApp, email, await login()), asUser(roomyApp, email, await login())];
    const api = asUser(roomyApp, email, (await here.json("/api/v1/auth/tokens", jsonInit("POST", { name: "ci" }))).body.token);
    const changed = await here.fetch("/api/v1/auth/password", jsonInit("POST", { current: PASSWORD, password: "a brand new passphrase" }));
    expect(changed.status).toBe(204);
    expect((await elsewhere.fetch("/api/v1/messages")).status).toBe(401);
    expect((await here.fetch("/api/v1/messages")).status).toBe(200);
    expect((await api.fetch("/api/v1/messages")).status).toBe(200);
  });
});

describe("instance details", () => {
  it("shows non-admins Mailpit's relay settings blank, with the shape kept; admins see them", async () => {
    const user = await registerUser(openApp, uniq("plain"));
    const mine = await user.json("/api/v1/webui");
    expect(mine.status).toBe(200);
    const relay = mine.body.MessageRelay as Record<string, unknown>;
    expect(relay.Enabled).toBe(false);
    expect(Object.keys(relay)).toEqual(expect.arrayContaining(["SMTPServer", "ReturnPath"]));
    expect(JSON.stringify(relay)).not.toContain("relay.example.test");

    const adminEmail = uniq("admin");
    const auth = openApp.server.deps.services.auth;
    await auth.createUser({ email: adminEmail, isAdmin: true });
    const admin = asUser(openApp, adminEmail, (await auth.issueFor(adminEmail, "t", undefined)).token);
    expect(JSON.stringify((await admin.json("/api/v1/webui")).body.MessageRelay)).toContain("relay.example.test");
  });

  it("warns at start when password mode has open registration on a non-loopback address", async () => {
    const lines: string[] = [];
    const server = await startServer(
      loadConfig({
        SANDPIT_HOST: "0.0.0.0",
        SANDPIT_PORT: "0",
        SANDPIT_SMTP_PORT: "0",
        SANDPIT_IMAP_PORT: "0",
        SANDPIT_POP3_PORT: "0",
        SANDPIT_AUTH_MODE: "password",
        SANDPIT_DATA_DIR: fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-warn-")),
        MAILPIT_URL: mp.apiUrl,
      }),
      { log: createLogger("warn", (l) => lines.push(l)) },
    );
    await server.close();
    const warnings = lines.map((l) => JSON.parse(l) as { level: string; msg: string }).filter((l) => l.level === "warn");
    expect(warnings.some((w) => /open registration/.test(w.msg) && /SANDPIT_REGISTRATION=closed/.test(w.msg))).toBe(true);
  });
});
