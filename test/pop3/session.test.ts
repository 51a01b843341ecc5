import { describe, expect, it } from "vitest";
import { submit } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";
import { pop3 } from "./client.js";

const stack = useStack({ SANDPIT_POP3S_PORT: "0", SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "3" });

const plain = (authz: string, user: string, pass: string) => Buffer.from(`${authz}\u0000${user}\u0000${pass}`).toString("base64");

describe("POP3 sessions: logging in, TLS and bad input", () => {
  it("logs in with AUTH PLAIN, refuses bad credentials with [AUTH], and locks the address for wrong secrets after repeated failures", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const c = await pop3(stack);
    expect(await c.cmd(`AUTH PLAIN ${plain("", alice.email, alice.token)}`)).toMatch(/^\+OK 0 messages/);
    const d = await pop3(stack);
    expect(await d.cmd("AUTH PLAIN")).toBe("+ \r\n");
    expect(await d.cmd(plain(alice.email, alice.email, alice.token))).toMatch(/^\+OK/);
    const x = await pop3(stack);
    expect(await x.cmd("AUTH PLAIN")).toBe("+ \r\n");
    expect(await x.cmd("*")).toBe("-ERR AUTH cancelled\r\n");
    expect(await x.cmd("AUTH PLAIN")).toBe("+ \r\n");
    expect(await x.cmd("A".repeat(5000))).toBe("-ERR line too long (at most 4096 octets)\r\n");
    expect(await x.cmd(`AUTH PLAIN ${plain(bob.email, alice.email, alice.token)}`)).toMatch(/^-ERR \[AUTH\] acting as another user/);
    expect(await x.cmd("AUTH PLAIN bm90IHBsYWlu")).toMatch(/^-ERR a PLAIN response is/);
    expect(await x.cmd("AUTH", true)).toBe("+OK SASL mechanisms follow\r\nPLAIN\r\n.\r\n");
    const e = await pop3(stack);
    expect(await e.cmd(`USER ${bob.email}`)).toMatch(/^\+OK/);
    expect(await e.cmd(`PASS ${alice.token}`)).toBe("-ERR [AUTH] invalid address or token\r\n");
    expect(await e.cmd(`PASS ${bob.token}`)).toMatch(/^-ERR USER comes first/);
    for (const t of ["x", "y"]) {
      await e.cmd(`USER ${bob.email}`);
      expect(await e.cmd(`PASS ${t}`)).toMatch(/^-ERR \[AUTH\]/);
    }
    await e.cmd(`USER ${bob.email}`);
    expect(await e.cmd("PASS z")).toMatch(/^-ERR \[SYS\/TEMP\] too many failed logins/);
    // A valid token is never locked out (it cannot be guessed; locking it would let anyone stop bob's client).
    await e.cmd(`USER ${bob.email}`);
    expect(await e.cmd(`PASS ${bob.token}`)).toMatch(/^\+OK/);
    for (const s of [c, d, x, e]) s.close();
  });

  it("answers bad and out-of-state commands with -ERR and keeps the connection", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    await submit(stack.app.server.smtp.port, { from: "app@shop.test", to: alice.email, subject: "one", text: "x" });
    const c = await pop3(stack);
    expect(c.greeting).toMatch(/^\+OK Sandpit POP3 ready\r\n$/);
    expect(await c.cmd("STAT")).toBe("-ERR STAT is not allowed before logging in\r\n");
    expect(await c.cmd("PASS x")).toBe("-ERR USER comes first\r\n");
    expect(await c.cmd("USER")).toBe("-ERR USER needs one of your addresses\r\n");
    expect(await c.cmd("USER a b")).toBe("-ERR USER takes at most 1 argument\r\n");
    expect(await c.cmd("FROB x")).toBe("-ERR unknown command FROB\r\n");
    expect(await c.cmd("")).toBe("-ERR unknown command (empty line)\r\n");
    expect(await c.cmd("\u0001\u00ff")).toBe("-ERR unknown command ???\r\n"); // \u00ff is two octets in UTF-8
    expect(await c.cmd("AUTH CRAM-MD5")).toMatch(/^-ERR unsupported mechanism CRAM-MD5/);
    // An over-long line is refused once; its tail, when it comes, is not a command of its own.
    c.socket.write("x".repeat(5000));
    expect(await c.next()).toBe("-ERR line too long (at most 4096 octets)\r\n");
    c.socket.write(" QUIT\r\n");
    expect(await c.cmd("CAPA", true)).toMatch(/^\+OK Capability list follows\r\n(.*\r\n)*STLS\r\n/);
    expect(await c.cmd(`user ${alice.email}`)).toMatch(/^\+OK/);
    expect(await c.cmd(`pass ${alice.token}`)).toBe("+OK 1 messages in your Inbox\r\n");
    expect(await c.cmd("STAT 1")).toBe("-ERR STAT takes no arguments\r\n");
    expect(await c.cmd("LIST 1 2")).toBe("-ERR LIST takes at most 1 argument\r\n");
    expect(await c.cmd("RETR")).toBe("-ERR no message (missing number)\r\n");
    for (const n of ["0", "2", "-1", "1.0", "x", "99999999999"]) expect(await c.cmd(`RETR ${n}`)).toBe(`-ERR no message ${n}\r\n`);
    expect(await c.cmd("TOP 1")).toBe("-ERR TOP needs a message number and a number of lines\r\n");
    expect(await c.cmd("TOP 1 -1")).toBe("-ERR TOP needs a message number and a number of lines\r\n");
    expect(await c.cmd("USER x")).toBe("-ERR USER is not allowed after logging in\r\n");
    expect(await c.cmd("STLS")).toBe("-ERR STLS is not allowed after logging in\r\n");
    expect(await c.cmd("CAPA", true)).not.toMatch(/STLS/);
    expect(await c.cmd("NOOP")).toBe("+OK\r\n");
    expect(await c.cmd("list 1")).toMatch(/^\+OK 1 \d+\r\n$/);
    expect(await c.cmd("QUIT")).toBe("+OK Sandpit POP3 signing off\r\n");
    await c.closed();
  });

  it("speaks STLS with the sandbox's certificate and implicit TLS on SANDPIT_POP3S_PORT, and drops a command pipelined behind STLS", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    await submit(stack.app.server.smtp.port, { from: "app@shop.test", to: alice.email, subject: "over tls", text: "x" });
    const c = await pop3(stack);
    c.socket.write(`STLS\r\nUSER ${alice.email}\r\n`);
    expect(await c.next()).toBe("+OK Begin TLS negotiation\r\n");
    const s = await c.upgrade(stack);
    expect(await s.cmd(`PASS ${alice.token}`)).toBe("-ERR USER comes first\r\n");
    expect(await s.cmd("CAPA", true)).not.toMatch(/STLS/);
    expect(await s.cmd("STLS")).toBe("-ERR the connection is already encrypted\r\n");
    expect(await s.cmd(`USER ${alice.email}`)).toMatch(/^\+OK/);
    expect(await s.cmd(`PASS ${alice.token}`)).toBe("+OK 1 messages in your Inbox\r\n");
    expect(await s.cmd("RETR 1", true)).toMatch(/Subject: over tls/);
    s.close();

    // A USER given in the clear does not survive STLS either.
    const u = await pop3(stack);
    expect(await u.cmd(`USER ${alice.email}`)).toMatch(/^\+OK/);
    expect(await u.cmd("STLS")).toBe("+OK Begin TLS negotiation\r\n");
    expect(await (await u.upgrade(stack)).cmd(`PASS ${alice.token}`)).toBe("-ERR USER comes first\r\n");
    u.close();

    const i = await pop3(stack, { secure: true });
    expect(i.greeting).toMatch(/^\+OK Sandpit POP3 ready/);
    expect(await i.cmd("CAPA", true)).not.toMatch(/STLS/);
    expect(await i.cmd("STLS")).toBe("-ERR the connection is already encrypted\r\n");
    expect(await i.cmd(`USER ${alice.email}`)).toMatch(/^\+OK/);
    expect(await i.cmd(`PASS ${alice.token}`)).toMatch(/^\+OK 1 messages/);
    i.close();
  });
});
