import { afterAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { followEvents } from "../support/events.js";
import { useStack } from "../support/stack.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack({ SANDPIT_AUTH_MODE: "password" });
const streams: AbortController[] = [];
afterAll(() => streams.forEach((s) => s.abort()));

/** openEvents reads a user's /api/v1/events stream into a list of { event, data }. */
async function openEvents(user: TestUser) {
  const ctrl = new AbortController();
  streams.push(ctrl);
  const res = await user.fetch("/api/v1/events", { signal: ctrl.signal });
  expect(res.headers.get("content-type")).toContain("text/event-stream");
  const events: { event: string; data: any }[] = [];
  void followEvents(res, (e) => events.push({ event: e.event, data: JSON.parse(e.data) }));
  return { events, news: () => events.filter((e) => e.event === "new").map((e) => e.data) };
}

const strong = "correct horse battery";

describe("GET /api/v1/events", () => {
  it("streams only my new mail, with Bcc shown to the sender only", async () => {
    const [alice, bob, carol] = await Promise.all(
      ["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n), { password: strong })),
    );
    const [a, b, c] = await Promise.all([alice!, bob!, carol!].map(openEvents));
    await waitFor(() => a!.events.length && b!.events.length && c!.events.length, "initial stats");
    expect(b!.events[0]).toEqual({ event: "stats", data: { total: 0, unread: 0 } });

    const sent = await alice!.json(
      "/api/v1/send",
      jsonInit("POST", { To: [{ Email: carol!.email }], Bcc: [bob!.email], Subject: "bcc test" }),
    );
    const privateToAlice = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice!.email, subject: "alice only", text: "x" });
    const toBob = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: bob!.email, subject: "bob only", text: "x" });

    await waitFor(() => b!.news().some((m) => m.ID === toBob), "bob's event");
    await waitFor(() => a!.news().some((m) => m.ID === privateToAlice), "alice's event");
    await waitFor(() => c!.news().length === 1, "carol's event");
    expect(
      b!
        .news()
        .map((m) => m.ID)
        .sort(),
    ).toEqual([sent.body.ID, toBob].sort());
    expect(c!.news().map((m) => m.ID)).toEqual([sent.body.ID]);
    expect(a!.news().map((m) => m.ID)).not.toContain(toBob);
    expect(b!.news().find((m) => m.ID === sent.body.ID).Bcc).toEqual([]);
    expect(c!.news()[0].Bcc).toEqual([]);
    // Alice's own send was indexed before /send returned, possibly before her stream saw it: the
    // list is the source of truth for her; the stream only has to carry what is hers.
    expect(a!.news().every((m) => [sent.body.ID, privateToAlice].includes(m.ID))).toBe(true);
    // Each `new` is followed by the counters as they then stood: the last ones settle on both.
    const lastStats = () => b!.events.filter((e) => e.event === "stats").at(-1)!.data;
    await waitFor(() => lastStats().total === 2, "bob's counters after both arrivals");
    expect(lastStats()).toEqual({ total: 2, unread: 2 });
  });

  it("needs a token", async () => {
    const r = await fetch(`${stack.app.url}/api/v1/events`);
    expect(r.status).toBe(401);
  });
});

describe("web UI sessions (/api/v1/ui)", () => {
  const ui = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${stack.app.url}/api/v1/ui/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-sandpit-csrf": "1", ...headers },
      body: JSON.stringify(body),
    });

  it("sets an HttpOnly, SameSite=Strict session cookie and acts through it", async () => {
    const email = uniq("ui");
    const r = await ui("register", { email, password: strong });
    expect(r.status).toBe(201);
    const cookies = r.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith("sp_acct_"))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Strict/i);
    const jar = cookies.map((c) => c.split(";")[0]).join("; ");
    const me = await fetch(`${stack.app.url}/api/v1/auth/me`, { headers: { cookie: jar } });
    expect(((await me.json()) as any).user.email).toBe(email);
    // A cookie-authenticated write without the CSRF header is refused.
    const csrf = await fetch(`${stack.app.url}/api/v1/messages`, { method: "DELETE", headers: { cookie: jar } });
    expect([csrf.status, ((await csrf.json()) as any).error.code]).toEqual([403, "FORBIDDEN"]);
    const crossOrigin = await fetch(`${stack.app.url}/api/v1/messages`, {
      method: "DELETE",
      headers: { cookie: jar, "x-sandpit-csrf": "1", origin: "http://evil.test" },
    });
    expect(crossOrigin.status).toBe(403);
    const ok = await fetch(`${stack.app.url}/api/v1/messages`, { method: "DELETE", headers: { cookie: jar, "x-sandpit-csrf": "1" } });
    expect(ok.status).toBe(200);
  });

  it("refuses a login without the CSRF header, and a wrong password", async () => {
    const email = uniq("login");
    await ui("register", { email, password: strong });
    const noHeader = await fetch(`${stack.app.url}/api/v1/ui/login`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password: strong }),
    });
    expect(noHeader.status).toBe(403);
    const wrong = await ui("login", { email, password: "wrong password!" });
    expect(wrong.status).toBe(401);
    expect((await ui("login", { email, password: strong })).status).toBe(200);
  });

  it("changes a password only with the current one", async () => {
    const u = await registerUser(stack.app, uniq("pw"), { password: strong });
    const wrong = await u.json("/api/v1/auth/password", jsonInit("POST", { current: "nope nope nope", password: "another fine password" }));
    expect([wrong.status, wrong.body.error.code]).toEqual([403, "FORBIDDEN"]);
    const weak = await u.json("/api/v1/auth/password", jsonInit("POST", { current: strong, password: "short" }));
    expect([weak.status, weak.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    expect((await u.fetch("/api/v1/auth/password", jsonInit("POST", { current: strong, password: "another fine password" }))).status).toBe(
      204,
    );
    const login = await fetch(
      `${stack.app.url}/api/v1/auth/login`,
      jsonInit("POST", { email: u.email, password: "another fine password" }),
    );
    expect(login.status).toBe(200);
  });

  it("updates my name, which becomes the sender name of mail I send", async () => {
    const u = await registerUser(stack.app, uniq("named"), { password: strong });
    const r = await u.json("/api/v1/auth/me", jsonInit("PATCH", { name: "Nora Named" }));
    expect([r.status, r.body.user.name]).toEqual([200, "Nora Named"]);
    const bad = await u.json("/api/v1/auth/me", jsonInit("PATCH", { name: "two\nlines" }));
    expect([bad.status, bad.body.error.code]).toEqual([400, "BAD_REQUEST"]);
    const sent = await u.json("/api/v1/send", jsonInit("POST", { To: [{ Email: u.email }], Subject: "named" }));
    expect((await u.json(`/api/v1/message/${sent.body.ID}`)).body.From).toEqual({ Name: "Nora Named", Address: u.email });
  });

  it("serves the UI with a strict CSP and no inline script", async () => {
    const r = await fetch(`${stack.app.url}/`);
    const csp = r.headers.get("content-security-policy")!;
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    const html = await r.text();
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(html).not.toMatch(/https?:\/\//);
  });
});
