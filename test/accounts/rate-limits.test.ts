import { describe, expect, it } from "vitest";
import { caOf, rawImap } from "../imap/client.js";
import { pop3 } from "../pop3/client.js";
import { submit } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit, registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { audit, login, makeAdmin, PASSWORD } from "./helpers.js";

const stack = useStack({
  SANDPIT_AUTH_MODE: "password",
  SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "3",
  SANDPIT_LOGIN_FAILURES_PER_CLIENT: "1000",
  SANDPIT_REGISTRATIONS_PER_HOUR: "40",
  SANDPIT_API_REQUESTS_PER_MINUTE: "20",
  SANDPIT_SENDS_PER_MINUTE: "2",
});

const basic = (user: string, pass: string) => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString("base64")}` });

describe("rate limits, counted in the store, on every door", () => {
  it("locks an account after guessing at the web login, and logs the failures and the lock-out", async () => {
    const email = uniq("victim");
    await registerUser(stack.app, email, { password: PASSWORD });
    for (let i = 0; i < 3; i++) expect((await login(stack.app, email, `guess number ${i}!`)).status).toBe(401);
    const locked = await login(stack.app, email, PASSWORD);
    expect([locked.status, locked.body.error.code]).toEqual([429, "RATE_LIMITED"]);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    const admin = await makeAdmin(stack.app);
    const rows = await audit(admin, { actor: email });
    expect(rows.filter((r) => r.action === "login" && r.result === "failed")).toHaveLength(3);
    // The lock-out is logged once, not at every refused attempt.
    expect(rows.filter((r) => r.action === "rate_limited")).toHaveLength(1);
  });

  it("counts wrong tokens given by HTTP basic auth; a valid token is never locked out", async () => {
    const user = await registerUser(stack.app, uniq("basic"), { password: PASSWORD });
    const forged = `sp_${"A".repeat(12)}_${"B".repeat(43)}`;
    for (let i = 0; i < 3; i++) {
      expect((await fetch(`${stack.app.url}/api/v1/messages`, { headers: basic(user.email, forged) })).status).toBe(401);
    }
    const locked = await fetch(`${stack.app.url}/api/v1/messages`, { headers: basic(user.email, forged) });
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await fetch(`${stack.app.url}/api/v1/messages`, { headers: basic(user.email, user.token) })).status).toBe(200);
    // The password is locked, though: guessing it at the login is over for now.
    expect((await login(stack.app, user.email, PASSWORD)).status).toBe(429);
    const admin = await makeAdmin(stack.app);
    expect((await audit(admin, { actor: user.email, action: "login" })).map((r) => r.target)).toEqual([
      "http basic",
      "http basic",
      "http basic",
    ]);
  });

  it("locks SMTP AUTH (454), IMAP LOGIN (NO [UNAVAILABLE]) and POP3 PASS for passwords and wrong tokens after guessing", async () => {
    const user = await registerUser(stack.app, uniq("doors"), { password: PASSWORD });
    const ca = { ca: caOf(stack) };
    const msg = { from: user.email, to: user.email, subject: "x", text: "x" };
    for (let i = 0; i < 3; i++) {
      const r = await submit(stack.app.server.smtp.port, msg, { auth: { user: user.email, pass: `wrong ${i} password` }, tls: ca });
      expect(r).toMatchObject({ ok: false, code: 535 });
    }
    const smtp = await submit(stack.app.server.smtp.port, msg, { auth: { user: user.email, pass: PASSWORD }, tls: ca });
    expect(smtp).toMatchObject({ ok: false, code: 454 });
    expect((await submit(stack.app.server.smtp.port, msg, { auth: { user: user.email, pass: user.token }, tls: ca })).ok).toBe(true);
    const imap = await rawImap(stack.app.server.imap.port, [`a LOGIN ${user.email} "${PASSWORD}"`], "a");
    expect(imap).toMatch(/a NO \[UNAVAILABLE\]/);
    const p = await pop3(stack);
    await p.cmd(`USER ${user.email}`);
    expect(await p.cmd(`PASS ${PASSWORD}`)).toMatch(/^-ERR \[SYS\/TEMP\]/);
    p.close();
    const admin = await makeAdmin(stack.app);
    const rows = await audit(admin, { actor: user.email });
    expect(rows.filter((r) => r.action === "login" && r.result === "failed").map((r) => r.target)).toEqual(["smtp", "smtp", "smtp"]);
    expect(rows.filter((r) => r.action === "rate_limited")).toHaveLength(1);
  });

  it("limits API requests per token and sends per user, each with 429 and Retry-After", async () => {
    const user = await registerUser(stack.app, uniq("busy"), { password: PASSWORD });
    const other = await registerUser(stack.app, uniq("calm"), { password: PASSWORD });
    let last: Response | undefined;
    for (let i = 0; i < 21; i++) last = await user.fetch("/api/v1/messages");
    expect(last!.status).toBe(429);
    expect(Number(last!.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another token of the same user has its own count; another user is untouched.
    expect((await other.fetch("/api/v1/messages")).status).toBe(200);

    const sender = await registerUser(stack.app, uniq("sender"), { password: PASSWORD });
    const send = () => sender.json("/api/v1/send", jsonInit("POST", { To: [{ Email: other.email }], Subject: "hi", Text: "x" }));
    expect((await send()).status).toBe(200);
    expect((await send()).status).toBe(200);
    const third = await send();
    expect([third.status, third.body.error.code]).toEqual([429, "RATE_LIMITED"]);
    const smtp = await submit(
      stack.app.server.smtp.port,
      { from: sender.email, to: other.email, subject: "over smtp", text: "x" },
      { auth: { user: sender.email, pass: sender.token }, tls: { ca: caOf(stack) } },
    );
    expect(smtp).toMatchObject({ ok: false, code: 451 });
    const admin = await makeAdmin(stack.app);
    expect((await audit(admin, { action: "rate_limited" })).map((r) => r.target)).toEqual(expect.arrayContaining(["api", "send"]));
    void asUser;
  });

  it("limits registrations per client address in password mode", async () => {
    let status = 0;
    for (let i = 0; i < 45 && status !== 429; i++) {
      const res = await fetch(`${stack.app.url}/api/v1/auth/register`, jsonInit("POST", { email: uniq("reg"), password: PASSWORD }));
      status = res.status;
    }
    expect(status).toBe(429);
  });
});
