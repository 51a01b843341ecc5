import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { issueToken } from "../../src/lib/secrets.js";
import { startApp, type TestApp } from "../support/app.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { asUser, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const PASSWORD = "correct horse battery staple";
const USER_AGENT = "sandpit-auth-test/1.0 (vitest)";
const DAY = 86_400_000;

let mp: TestMailpit;
/** Default settings: open auth mode, open registration. */
let openApp: TestApp;
/** Password mode with open registration. */
let passwordApp: TestApp;
/** Password mode with registration closed to admins. */
let closedApp: TestApp;
/** An admin of closedApp, created through the service layer as the CLI would. */
let admin: TestUser;

beforeAll(async () => {
  mp = await startMailpit();
  [openApp, passwordApp, closedApp] = await Promise.all([
    startApp(mp),
    startApp(mp, { SANDPIT_AUTH_MODE: "password" }),
    startApp(mp, { SANDPIT_AUTH_MODE: "password", SANDPIT_REGISTRATION: "closed" }),
  ]);
  const adminEmail = uniq("admin");
  const auth = closedApp.server.deps.services.auth;
  await auth.createUser({ email: adminEmail, password: PASSWORD, isAdmin: true });
  admin = asUser(closedApp, adminEmail, (await auth.issueFor(adminEmail, "t", undefined)).token);
});

afterAll(async () => {
  await Promise.all([openApp?.stop(), passwordApp?.stop(), closedApp?.stop()]);
  await mp?.stop();
});

interface Reply {
  status: number;
  headers: Headers;
  body: any;
}

/** call sends a request to `app` and parses the JSON reply (an empty body is undefined). */
async function call(app: TestApp, path: string, init: RequestInit = {}): Promise<Reply> {
  const res = await fetch(`${app.url}${path}`, init);
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined };
}

/** post sends a JSON body with our User-Agent. */
function post(app: TestApp, path: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return call(app, path, {
    method: "POST",
    headers: { "content-type": "application/json", "user-agent": USER_AGENT, ...headers },
    body: JSON.stringify(body),
  });
}

/** expectError checks the status, then the error code, then the envelope shape. */
function expectError(reply: Reply, status: number, code: string): void {
  expect(reply.status).toBe(status);
  expect(reply.body?.error?.code).toBe(code);
  expect(typeof reply.body.error.message).toBe("string");
  expect(reply.body.error.message).not.toBe("");
  expect(typeof reply.body.error.requestId).toBe("string");
  expect(reply.body.error.requestId).not.toBe("");
}

function bearer(token: string): Record<string, string> {
  return { authorization: `Bearer ${token}` };
}

function basic(username: string, token: string): Record<string, string> {
  return { authorization: `Basic ${Buffer.from(`${username}:${token}`).toString("base64")}` };
}

/** register registers `email` on `app` and returns the full 201 reply. */
async function register(app: TestApp, body: Record<string, unknown>): Promise<Reply> {
  const reply = await post(app, "/api/v1/auth/register", body);
  expect(reply.status).toBe(201);
  return reply;
}

describe("POST /api/v1/auth/register", () => {
  it("Should return 201 with the user, a session token and its info in open mode without a password", async () => {
    const email = uniq("reg");
    const before = Date.now();
    const { body } = await register(openApp, { email, name: "Reg Istered" });
    expect(body.user).toMatchObject({ email, name: "Reg Istered", isAdmin: false });
    expect(typeof body.user.id).toBe("number");
    expect(body.token).toMatch(/^sp_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    expect(body.info).toMatchObject({
      kind: "session",
      name: "session",
      createdUserAgent: USER_AGENT,
      createdIp: "127.0.0.1",
      lastUsedAt: null,
    });
    expect(body.token).toContain(body.info.id);
    // Sessions last SANDPIT_SESSION_DAYS (30 by default).
    const expiresAt = Date.parse(body.info.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 30 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 30 * DAY);
    expect(JSON.stringify(body.info)).not.toContain(body.token.slice(16));
  });

  it("Should record the socket's address, not a client-sent X-Forwarded-For, when the proxy is not trusted", async () => {
    const reply = await post(openApp, "/api/v1/auth/register", { email: uniq("spoof") }, { "x-forwarded-for": "203.0.113.7" });
    expect(reply.status).toBe(201);
    expect(reply.body.info.createdIp).toBe("127.0.0.1");
  });

  it("Should cut a very long User-Agent to 300 characters", async () => {
    const reply = await post(openApp, "/api/v1/auth/register", { email: uniq("ua") }, { "user-agent": `ua-${"x".repeat(1000)}` });
    expect(reply.status).toBe(201);
    expect(reply.body.info.createdUserAgent).toBe(`ua-${"x".repeat(297)}`);
  });

  it("returns 400 BAD_REQUEST in open mode when an optional password is given but too weak", async () => {
    expectError(await post(openApp, "/api/v1/auth/register", { email: uniq("weak-open"), password: "short" }), 400, "BAD_REQUEST");
  });

  it("Should store the address lower-cased", async () => {
    const email = uniq("Mixed.Case");
    const { body } = await register(openApp, { email: `  ${email.toUpperCase()} ` });
    expect(body.user.email).toBe(email.toLowerCase());
  });

  it("returns 409 CONFLICT when the address is already registered, in any case", async () => {
    const email = uniq("alice");
    await register(openApp, { email: email.replace("alice", "Alice").replace("example.test", "Example.TEST") });
    expectError(await post(openApp, "/api/v1/auth/register", { email }), 409, "CONFLICT");
    expectError(await post(openApp, "/api/v1/auth/register", { email: email.toUpperCase() }), 409, "CONFLICT");
  });

  it("returns 400 BAD_REQUEST when the body is not valid JSON", async () => {
    const reply = await call(openApp, "/api/v1/auth/register", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"email": "x@example.test",',
    });
    expectError(reply, 400, "BAD_REQUEST");
  });

  it("returns 400 BAD_REQUEST when the body is empty", async () => {
    expectError(await call(openApp, "/api/v1/auth/register", { method: "POST" }), 400, "BAD_REQUEST");
  });

  it("returns 400 BAD_REQUEST with details when the body has an unknown key", async () => {
    const reply = await post(openApp, "/api/v1/auth/register", { email: uniq("extra"), isAdmin: true });
    expectError(reply, 400, "BAD_REQUEST");
    expect(Array.isArray(reply.body.error.details)).toBe(true);
    expect(JSON.stringify(reply.body.error.details)).toContain("isAdmin");
  });

  it.each([["not-an-email"], ["@example.test"], ["a@"], [""], [42]])("returns 400 BAD_REQUEST for the email %j", async (email) => {
    const reply = await post(openApp, "/api/v1/auth/register", { email });
    expectError(reply, 400, "BAD_REQUEST");
    expect(reply.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: "email" })]));
  });

  it("returns 413 PAYLOAD_TOO_LARGE for a body over 1 MiB", async () => {
    const reply = await post(openApp, "/api/v1/auth/register", { email: uniq("big"), name: "x".repeat(1024 * 1024) });
    expectError(reply, 413, "PAYLOAD_TOO_LARGE");
  });

  it("returns 413 PAYLOAD_TOO_LARGE for a chunked body over 1 MiB, sent without Content-Length", async () => {
    const chunk = new TextEncoder().encode("x".repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent === 0) controller.enqueue(new TextEncoder().encode('{"email":"big@example.test","name":"'));
        if (sent >= 20) controller.close();
        else controller.enqueue(chunk);
        sent++;
      },
    });
    const init = { method: "POST", headers: { "content-type": "application/json" }, body, duplex: "half" } as RequestInit;
    expectError(await call(openApp, "/api/v1/auth/register", init), 413, "PAYLOAD_TOO_LARGE");
  });

  it("Should still register a user after an oversized request was refused", async () => {
    const { body } = await register(openApp, { email: uniq("after-big") });
    expect(body.token).toMatch(/^sp_/);
  });
});

describe("POST /api/v1/auth/login (open mode)", () => {
  it("Should log in with only the email and return a new session token that works", async () => {
    const user = await registerUser(openApp, uniq("login"));
    const reply = await post(openApp, "/api/v1/auth/login", { email: user.email.toUpperCase() });
    expect(reply.status).toBe(200);
    expect(reply.body.user).toMatchObject({ email: user.email });
    expect(reply.body.token).toMatch(/^sp_/);
    expect(reply.body.token).not.toBe(user.token);
    const me = await call(openApp, "/api/v1/auth/me", { headers: bearer(reply.body.token) });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(user.email);
  });

  it("returns 401 UNAUTHORIZED for an address nobody registered", async () => {
    const reply = await post(openApp, "/api/v1/auth/login", { email: uniq("nobody") });
    expectError(reply, 401, "UNAUTHORIZED");
    expect(reply.body.token).toBeUndefined();
  });

  it("returns 400 BAD_REQUEST for an invalid email", async () => {
    expectError(await post(openApp, "/api/v1/auth/login", { email: "nope" }), 400, "BAD_REQUEST");
  });
});

describe("password mode", () => {
  it("returns 400 BAD_REQUEST when registering without a password", async () => {
    const email = uniq("nopw");
    expectError(await post(passwordApp, "/api/v1/auth/register", { email }), 400, "BAD_REQUEST");
    // Nothing was created: the address can still be registered properly.
    await register(passwordApp, { email, password: PASSWORD });
  });

  it.each([
    ["too short", "short1!"],
    ["with too few different characters", "aaaaabbbbbaaaaa"],
  ])("returns 400 BAD_REQUEST for a password %s", async (_why, password) => {
    const reply = await post(passwordApp, "/api/v1/auth/register", { email: uniq("weakling"), password });
    expectError(reply, 400, "BAD_REQUEST");
    expect(reply.body.error.message).toMatch(/password/);
  });

  it("returns 400 BAD_REQUEST for a password containing the address's local part", async () => {
    const email = uniq("weakling");
    const password = `My-${email.split("@")[0]!.toUpperCase()}-pw`;
    const reply = await post(passwordApp, "/api/v1/auth/register", { email, password });
    expectError(reply, 400, "BAD_REQUEST");
    expect(reply.body.error.message).toMatch(/password/);
  });

  it("Should log in with the right password and refuse a wrong or missing one with 401 UNAUTHORIZED", async () => {
    const email = uniq("pat");
    await register(passwordApp, { email, password: PASSWORD });

    const wrong = await post(passwordApp, "/api/v1/auth/login", { email, password: `${PASSWORD}!` });
    expectError(wrong, 401, "UNAUTHORIZED");
    expect(wrong.body.token).toBeUndefined();
    expectError(await post(passwordApp, "/api/v1/auth/login", { email }), 401, "UNAUTHORIZED");

    const right = await post(passwordApp, "/api/v1/auth/login", { email, password: PASSWORD });
    expect(right.status).toBe(200);
    expect(right.body.user.email).toBe(email);
    const me = await call(passwordApp, "/api/v1/auth/me", { headers: bearer(right.body.token) });
    expect(me.status).toBe(200);
  });

  it("Should answer an unknown address exactly like a wrong password, so accounts cannot be probed", async () => {
    const email = uniq("probe");
    await register(passwordApp, { email, password: PASSWORD });
    const wrong = await post(passwordApp, "/api/v1/auth/login", { email, password: "wrong password 123" });
    const unknown = await post(passwordApp, "/api/v1/auth/login", { email: uniq("ghost"), password: "wrong password 123" });
    expectError(wrong, 401, "UNAUTHORIZED");
    expectError(unknown, 401, "UNAUTHORIZED");
    expect(unknown.body.error.message).toBe(wrong.body.error.message);
  });
});

describe("closed registration", () => {
  it("returns 403 REGISTRATION_CLOSED for an anonymous registration", async () => {
    const email = uniq("anon");
    expectError(await post(closedApp, "/api/v1/auth/register", { email, password: PASSWORD }), 403, "REGISTRATION_CLOSED");
    expectError(await post(closedApp, "/api/v1/auth/login", { email, password: PASSWORD }), 401, "UNAUTHORIZED");
  });

  it("returns 403 REGISTRATION_CLOSED when a user who is not an admin registers someone", async () => {
    const auth = closedApp.server.deps.services.auth;
    const email = uniq("plain");
    await auth.createUser({ email, password: PASSWORD });
    const { token } = await auth.issueFor(email, "t", undefined);
    const reply = await post(closedApp, "/api/v1/auth/register", { email: uniq("friend"), password: PASSWORD }, bearer(token));
    expectError(reply, 403, "REGISTRATION_CLOSED");
  });

  it("Should let an admin register a user, who can then log in with their password", async () => {
    const email = uniq("invited");
    const reply = await post(closedApp, "/api/v1/auth/register", { email, name: "Invited", password: PASSWORD }, bearer(admin.token));
    expect(reply.status).toBe(201);
    expect(reply.body.user).toMatchObject({ email, name: "Invited", isAdmin: false });
    const login = await post(closedApp, "/api/v1/auth/login", { email, password: PASSWORD });
    expect(login.status).toBe(200);
    expect(login.body.user.email).toBe(email);
  });
});

describe("authentication", () => {
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([registerUser(openApp, uniq("alice")), registerUser(openApp, uniq("bob"))]);
  });

  it("returns 401 UNAUTHORIZED with WWW-Authenticate when no token is sent", async () => {
    for (const path of ["/api/v1/auth/me", "/api/v1/messages", "/api/v1/auth/tokens"]) {
      const reply = await call(openApp, path);
      expectError(reply, 401, "UNAUTHORIZED");
      expect(reply.headers.get("www-authenticate")).toMatch(/^Bearer realm=/);
    }
  });

  it.each([
    ["a garbage token", "garbage"],
    ["an empty bearer token", ""],
    ["a well-formed token that was never issued", issueToken().token],
  ])("returns 401 UNAUTHORIZED with WWW-Authenticate for %s", async (_what, token) => {
    const reply = await call(openApp, "/api/v1/auth/me", { headers: bearer(token) });
    expectError(reply, 401, "UNAUTHORIZED");
    expect(reply.headers.get("www-authenticate")).toContain("Bearer");
  });

  it("returns 401 UNAUTHORIZED for a real token id with a wrong secret", async () => {
    const last = alice.token.at(-1) === "A" ? "B" : "A";
    const forged = `${alice.token.slice(0, -1)}${last}`;
    expectError(await call(openApp, "/api/v1/auth/me", { headers: bearer(forged) }), 401, "UNAUTHORIZED");
    // The real token is unaffected.
    expect((await alice.fetch("/api/v1/auth/me")).status).toBe(200);
  });

  it("Should accept basic auth with the email as username and a token as password on GET /api/v1/messages", async () => {
    const reply = await call(openApp, "/api/v1/messages", { headers: basic(alice.email, alice.token) });
    expect(reply.status).toBe(200);
    expect(Array.isArray(reply.body.messages)).toBe(true);
  });

  it("Should compare the basic-auth username case-insensitively", async () => {
    const reply = await call(openApp, "/api/v1/auth/me", { headers: basic(alice.email.toUpperCase(), alice.token) });
    expect(reply.status).toBe(200);
    expect(reply.body.user.email).toBe(alice.email);
  });

  it("returns 401 UNAUTHORIZED when basic auth names another user than the token's owner", async () => {
    for (const username of [bob.email, uniq("stranger"), ""]) {
      const reply = await call(openApp, "/api/v1/messages", { headers: basic(username, alice.token) });
      expectError(reply, 401, "UNAUTHORIZED");
      expect(reply.headers.get("www-authenticate")).toMatch(/Basic realm=/);
    }
  });

  it("returns 401 UNAUTHORIZED for basic auth with a garbage password", async () => {
    const reply = await call(openApp, "/api/v1/messages", { headers: basic(alice.email, "hunter2") });
    expectError(reply, 401, "UNAUTHORIZED");
    expect(reply.headers.get("www-authenticate")).toMatch(/Basic realm=/);
  });
});

describe("GET /api/v1/auth/me", () => {
  it("Should return the caller and their addresses", async () => {
    const email = uniq("me");
    const user = await registerUser(openApp, email, { name: "Me Myself" });
    const reply = await user.json("/api/v1/auth/me");
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      user: {
        id: expect.any(Number),
        email,
        name: "Me Myself",
        isAdmin: false,
        createdAt: expect.any(String),
        disabled: false,
        twoFactor: false,
        expiresAt: null,
      },
      addresses: [email],
      scopes: ["read", "write", "send", "manage"],
    });
  });
});

describe("logout", () => {
  it.each([["POST"], ["DELETE"]])(
    "Should revoke the token used with %s /api/v1/auth/logout and leave other sessions working",
    async (method) => {
      const user = await registerUser(openApp, uniq("bye"));
      const other = await post(openApp, "/api/v1/auth/login", { email: user.email });
      expect(other.status).toBe(200);

      const reply = await call(openApp, "/api/v1/auth/logout", { method, headers: bearer(user.token) });
      expect(reply.status).toBe(204);
      expectError(await call(openApp, "/api/v1/auth/me", { headers: bearer(user.token) }), 401, "UNAUTHORIZED");
      expectError(await call(openApp, "/api/v1/auth/logout", { method, headers: bearer(user.token) }), 401, "UNAUTHORIZED");
      expect((await call(openApp, "/api/v1/auth/me", { headers: bearer(other.body.token) })).status).toBe(200);
    },
  );

  it("returns 401 UNAUTHORIZED without a token", async () => {
    expectError(await call(openApp, "/api/v1/auth/logout", { method: "POST" }), 401, "UNAUTHORIZED");
  });
});

describe("/api/v1/auth/tokens", () => {
  let owner: TestUser;
  let intruder: TestUser;

  beforeAll(async () => {
    const email = uniq("owner");
    const reg = await post(openApp, "/api/v1/auth/register", { email });
    expect(reg.status).toBe(201);
    owner = asUser(openApp, email, reg.body.token);
    intruder = await registerUser(openApp, uniq("intruder"));
  });

  /** createToken creates an API token as `user` with our User-Agent. */
  async function createToken(user: TestUser, body: Record<string, unknown>): Promise<Reply> {
    return post(openApp, "/api/v1/auth/tokens", body, bearer(user.token));
  }

  it("Should create an API token whose secret is shown once and which authenticates its owner", async () => {
    const before = Date.now();
    const reply = await createToken(owner, { name: "ci", expiresInDays: 7 });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ kind: "api", name: "ci", lastUsedAt: null, createdUserAgent: USER_AGENT, createdIp: "127.0.0.1" });
    expect(reply.body.token).toMatch(/^sp_[A-Za-z0-9_-]{12}_[A-Za-z0-9_-]{43}$/);
    expect(reply.body.token).toContain(reply.body.id);
    const expiresAt = Date.parse(reply.body.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(before + 7 * DAY);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 7 * DAY);

    const me = await call(openApp, "/api/v1/auth/me", { headers: bearer(reply.body.token) });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(owner.email);
  });

  it("Should create a token that never expires when expiresInDays is left out", async () => {
    const reply = await createToken(owner, { name: "forever" });
    expect(reply.status).toBe(201);
    expect(reply.body.expiresAt).toBeNull();
  });

  it.each([
    ["an empty name", { name: "  " }],
    ["a missing name", { expiresInDays: 3 }],
    ["zero days", { name: "x", expiresInDays: 0 }],
    ["fractional days", { name: "x", expiresInDays: 1.5 }],
    ["days as a string", { name: "x", expiresInDays: "7" }],
    ["an unknown key", { name: "x", kind: "session" }],
  ])("returns 400 BAD_REQUEST for %s", async (_what, body) => {
    expectError(await createToken(owner, body), 400, "BAD_REQUEST");
  });

  it("Should list the caller's tokens with their metadata, never a secret, marking the current one", async () => {
    const created = await createToken(owner, { name: "listed" });
    expect(created.status).toBe(201);
    const reply = await call(openApp, "/api/v1/auth/tokens", { headers: bearer(owner.token) });
    expect(reply.status).toBe(200);
    const tokens = reply.body.tokens as Record<string, unknown>[];

    const current = tokens.filter((t) => t.current === true);
    expect(current).toHaveLength(1);
    expect(owner.token).toContain(current[0]!.id);
    expect(current[0]).toMatchObject({ kind: "session", createdUserAgent: USER_AGENT, createdIp: "127.0.0.1" });
    expect(current[0]!.lastUsedAt).toEqual(expect.any(String));

    const listed = tokens.find((t) => t.id === created.body.id);
    expect(listed).toMatchObject({
      kind: "api",
      name: "listed",
      current: false,
      lastUsedAt: null,
      createdUserAgent: USER_AGENT,
      createdIp: "127.0.0.1",
    });

    const text = JSON.stringify(reply.body);
    for (const t of [owner.token, created.body.token as string]) expect(text).not.toContain(t.slice(16));
    for (const t of tokens) {
      expect(Object.keys(t).sort()).toEqual(
        ["createdAt", "createdIp", "createdUserAgent", "current", "expiresAt", "id", "kind", "lastUsedAt", "name", "scopes"].sort(),
      );
    }
    // Only the owner's tokens are listed.
    expect(text).not.toContain(intruder.token.slice(3, 15));
  });

  it("Should set lastUsedAt once a token has been used", async () => {
    const created = await createToken(owner, { name: "used" });
    expect(created.status).toBe(201);
    expect(created.body.lastUsedAt).toBeNull();
    const before = Date.now();
    expect((await call(openApp, "/api/v1/messages", { headers: bearer(created.body.token) })).status).toBe(200);

    const reply = await call(openApp, "/api/v1/auth/tokens", { headers: bearer(owner.token) });
    const listed = (reply.body.tokens as { id: string; lastUsedAt: string | null }[]).find((t) => t.id === created.body.id);
    expect(listed?.lastUsedAt).toEqual(expect.any(String));
    expect(Date.parse(listed!.lastUsedAt!)).toBeGreaterThanOrEqual(before - 1000);
  });

  it("Should revoke one of the caller's tokens, which then answers 401", async () => {
    const created = await createToken(owner, { name: "short-lived" });
    expect(created.status).toBe(201);
    const del = await call(openApp, `/api/v1/auth/tokens/${created.body.id}`, { method: "DELETE", headers: bearer(owner.token) });
    expect(del.status).toBe(204);

    expectError(await call(openApp, "/api/v1/auth/me", { headers: bearer(created.body.token) }), 401, "UNAUTHORIZED");
    const list = await call(openApp, "/api/v1/auth/tokens", { headers: bearer(owner.token) });
    expect((list.body.tokens as { id: string }[]).map((t) => t.id)).not.toContain(created.body.id);
    expectError(
      await call(openApp, `/api/v1/auth/tokens/${created.body.id}`, { method: "DELETE", headers: bearer(owner.token) }),
      404,
      "NOT_FOUND",
    );
  });

  it("returns 404 NOT_FOUND when revoking another user's token, which keeps working for its owner", async () => {
    const created = await createToken(owner, { name: "not yours" });
    expect(created.status).toBe(201);
    const del = await call(openApp, `/api/v1/auth/tokens/${created.body.id}`, { method: "DELETE", headers: bearer(intruder.token) });
    expectError(del, 404, "NOT_FOUND");

    const me = await call(openApp, "/api/v1/auth/me", { headers: bearer(created.body.token) });
    expect(me.status).toBe(200);
    expect(me.body.user.email).toBe(owner.email);
  });

  it("returns 404 NOT_FOUND when revoking a token id that does not exist", async () => {
    expectError(
      await call(openApp, "/api/v1/auth/tokens/doesnotexist", { method: "DELETE", headers: bearer(owner.token) }),
      404,
      "NOT_FOUND",
    );
  });

  it("returns 401 UNAUTHORIZED for token management without a token", async () => {
    expectError(await call(openApp, "/api/v1/auth/tokens"), 401, "UNAUTHORIZED");
    expectError(await post(openApp, "/api/v1/auth/tokens", { name: "x" }), 401, "UNAUTHORIZED");
    expectError(await call(openApp, "/api/v1/auth/tokens/whatever", { method: "DELETE" }), 401, "UNAUTHORIZED");
  });
});
