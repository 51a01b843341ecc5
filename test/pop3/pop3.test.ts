import net from "node:net";
import tls from "node:tls";
import { describe, expect, it } from "vitest";
import { caOf, send, until } from "../imap/client.js";
import { submit } from "../support/mail.js";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

const stack = useStack({ SANDPIT_POP3S_PORT: "0", SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "3" });

/**
 * pop3 speaks POP3 over a socket: each command resolves with its whole answer (a `-ERR` line, a
 * `+OK` line, or a multi-line answer up to its `.`), in order.
 */
async function pop3(socket: net.Socket = net.connect(stack.app.server.pop3.port, "127.0.0.1")) {
  let buf = "";
  socket.on("data", (d: Buffer) => (buf += d.toString("latin1")));
  const next = async (multi: boolean): Promise<string> => {
    const done = () => (buf.startsWith("-ERR") || buf.startsWith("+ ") || !multi ? buf.indexOf("\r\n") : buf.indexOf("\r\n.\r\n"));
    await until(() => done() >= 0 && (!multi || buf.startsWith("-ERR") || buf.indexOf("\r\n.\r\n") >= 0));
    const end = done();
    if (end < 0) throw new Error(`no answer; so far: ${buf}`);
    const cut = multi && buf.startsWith("+OK") ? end + 5 : end + 2;
    const out = buf.slice(0, cut);
    buf = buf.slice(cut);
    return out;
  };
  const greeting = await next(false);
  return {
    greeting,
    socket,
    /** cmd sends a line; `multi` waits for a multi-line answer. */
    async cmd(line: string, multi = false) {
      socket.write(`${line}\r\n`);
      return next(multi);
    },
    close: () => socket.destroy(),
  };
}

async function loggedIn(user: TestUser) {
  const c = await pop3();
  expect(await c.cmd(`USER ${user.email}`)).toMatch(/^\+OK/);
  expect(await c.cmd(`PASS ${user.token}`)).toMatch(/^\+OK/);
  return c;
}

const subjectsOf = async (user: TestUser) =>
  ((await user.json("/api/v1/messages?folder=Inbox")).body.messages as { Subject: string }[]).map((m) => m.Subject).sort();

describe("POP3: my Inbox for mail clients that download", () => {
  it("lists, sizes and retrieves my messages exactly, dot-stuffed, with stable unique ids", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const source1 = [
      `From: ${bob.email}`,
      `To: ${alice.email}`,
      "Subject: first",
      "",
      "line one",
      ".starts with a dot",
      "..two dots",
      "",
    ].join("\r\n");
    const sent = await submit(
      stack.app.server.smtp.port,
      { from: bob.email, raw: source1, envelope: { from: bob.email, to: [alice.email] } },
      { auth: { user: bob.email, pass: bob.token } },
    );
    if (!sent.ok) throw new Error("not sent");
    const first = sent.id;
    await send(bob, [alice.email], "second");
    const c = await loggedIn(alice);
    const stat = /^\+OK (\d+) (\d+)/.exec(await c.cmd("STAT"))!;
    expect(stat[1]).toBe("2");
    const list = await c.cmd("LIST", true);
    const sizes = [...list.matchAll(/^(\d+) (\d+)$/gm)].map((m) => Number(m[2]));
    expect(sizes).toHaveLength(2);
    expect(sizes.reduce((a, b) => a + b)).toBe(Number(stat[2]));
    const uidl = await c.cmd("UIDL", true);
    expect(uidl).toMatch(new RegExp(`^\\d+ ${first}$`, "m"));
    const n = /^(\d+) /m.exec(uidl.split("\r\n").find((l) => l.endsWith(first))!)![1]!;
    const retr = await c.cmd(`RETR ${n}`, true);
    const body = retr.slice(retr.indexOf("\r\n") + 2, -5);
    expect(body).toMatch(/^\.\.starts with a dot$/m);
    expect(body).toMatch(/^\.\.\.two dots$/m);
    // Undo the stuffing: the bytes are exactly the message, and as many as LIST said.
    const source =
      body
        .split("\r\n")
        .map((l) => (l.startsWith(".") ? l.slice(1) : l))
        .join("\r\n") + "\r\n";
    expect(source.endsWith(source1)).toBe(true);
    expect(source.length).toBe(sizes[Number(n) - 1]);
    expect(await c.cmd(`UIDL ${n}`)).toBe(`+OK ${n} ${first}\r\n`);
    const top = await c.cmd(`TOP ${n} 1`, true);
    expect(top).toMatch(/Subject: first/);
    expect(top).toMatch(/line one\r\n\.\r\n$/);
    expect(await c.cmd("QUIT")).toMatch(/^\+OK/);
    // Downloading changes nothing: the messages stay unread.
    expect(((await alice.json("/api/v1/messages")).body.messages as { Read: boolean }[]).map((m) => m.Read)).toEqual([false, false]);
  });

  it("deletes at QUIT from my Inbox only; RSET undoes, and a dropped connection deletes nothing", async () => {
    const [alice, bob, carol] = await Promise.all(["alice", "bob", "carol"].map((n) => registerUser(stack.app, uniq(n))));
    await send(alice!, [bob!.email, carol!.email], "shared");
    await send(alice!, [bob!.email], "another");
    const dropped = await loggedIn(bob!);
    expect(await dropped.cmd("DELE 1")).toMatch(/^\+OK/);
    dropped.close();
    await new Promise((r) => setTimeout(r, 100));
    expect(await subjectsOf(bob!)).toEqual(["another", "shared"]);

    const c = await loggedIn(bob!);
    expect(await c.cmd("DELE 1")).toMatch(/^\+OK/);
    expect(await c.cmd("DELE 1")).toMatch(/^-ERR message 1 is already deleted/);
    expect(await c.cmd("RETR 1")).toMatch(/^-ERR/);
    expect(await c.cmd("RSET")).toMatch(/^\+OK/);
    expect(await c.cmd("STAT")).toMatch(/^\+OK 2 /);
    const list = await c.cmd("LIST", true);
    const sharedN = (await c.cmd("TOP 1 0", true)).includes("Subject: shared") ? "1" : "2";
    expect(list).toMatch(/^\+OK 2 messages/);
    expect(await c.cmd(`DELE ${sharedN}`)).toMatch(/^\+OK/);
    expect(await c.cmd("QUIT")).toMatch(/^\+OK .*1 messages deleted/);
    expect(await subjectsOf(bob!)).toEqual(["another"]);
    expect(await subjectsOf(carol!)).toEqual(["shared"]);
    expect(((await alice!.json("/api/v1/messages?folder=Sent")).body.messages as unknown[]).length).toBe(2);
  });

  it("keeps to my mailbox: a Bcc recipient's RETR has no Bcc line, and another user sees none of my mail", async () => {
    const [alice, bob, carol, mallory] = await Promise.all(
      ["alice", "bob", "carol", "mallory"].map((n) => registerUser(stack.app, uniq(n))),
    );
    await send(alice!, [bob!.email], "secret plan", { bcc: [carol!.email] });
    const c = await loggedIn(carol!);
    const retr = await c.cmd("RETR 1", true);
    expect(retr).toMatch(/Subject: secret plan/);
    expect(retr).not.toMatch(/^Bcc:/im);
    const m = await loggedIn(mallory!);
    expect(await m.cmd("STAT")).toBe("+OK 0 0\r\n");
    expect(await m.cmd("RETR 1")).toMatch(/^-ERR no message 1/);
    expect(await m.cmd("LIST", true)).toBe("+OK 0 messages\r\n.\r\n");
  });

  it("logs in with AUTH PLAIN, refuses bad credentials with [AUTH], and locks the address after repeated failures", async () => {
    const [alice, bob] = await Promise.all([registerUser(stack.app, uniq("alice")), registerUser(stack.app, uniq("bob"))]);
    const c = await pop3();
    expect(await c.cmd(`AUTH PLAIN ${Buffer.from(`\u0000${alice.email}\u0000${alice.token}`).toString("base64")}`)).toMatch(
      /^\+OK 0 messages/,
    );
    const d = await pop3();
    expect(await d.cmd("AUTH PLAIN")).toBe("+ \r\n");
    expect(await d.cmd(Buffer.from(`\u0000${alice.email}\u0000${alice.token}`).toString("base64"))).toMatch(/^\+OK/);
    const e = await pop3();
    expect(await e.cmd(`USER ${bob.email}`)).toMatch(/^\+OK/);
    expect(await e.cmd(`PASS ${alice.token}`)).toBe("-ERR [AUTH] invalid address or token\r\n");
    for (const t of ["x", "y"]) {
      await e.cmd(`USER ${bob.email}`);
      expect(await e.cmd(`PASS ${t}`)).toMatch(/^-ERR \[AUTH\]/);
    }
    await e.cmd(`USER ${bob.email}`);
    expect(await e.cmd(`PASS ${bob.token}`)).toMatch(/^-ERR \[SYS\/TEMP\] too many failed logins/);
  });

  it("answers bad and out-of-state commands with -ERR and keeps the connection", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    const c = await pop3();
    expect(c.greeting).toMatch(/^\+OK Sandpit POP3 ready/);
    expect(await c.cmd("STAT")).toMatch(/^-ERR STAT is not allowed before logging in/);
    expect(await c.cmd("PASS x")).toMatch(/^-ERR USER comes first/);
    expect(await c.cmd("FROB")).toMatch(/^-ERR unknown command FROB/);
    expect(await c.cmd("AUTH CRAM-MD5")).toMatch(/^-ERR unsupported mechanism/);
    expect(await c.cmd("CAPA", true)).toMatch(/\r\nSTLS\r\n/);
    expect(await c.cmd(`USER ${alice.email}`)).toMatch(/^\+OK/);
    expect(await c.cmd(`PASS ${alice.token}`)).toMatch(/^\+OK/);
    expect(await c.cmd("RETR")).toMatch(/^-ERR no message \(missing number\)/);
    expect(await c.cmd("TOP 1")).toMatch(/^-ERR no message 1/);
    expect(await c.cmd("USER x")).toMatch(/^-ERR USER is not allowed after logging in/);
    expect(await c.cmd("NOOP")).toMatch(/^\+OK/);
  });

  it("speaks STLS with the sandbox's certificate and implicit TLS on SANDPIT_POP3S_PORT, and drops a command pipelined behind STLS", async () => {
    const alice = await registerUser(stack.app, uniq("alice"));
    await submit(stack.app.server.smtp.port, { from: "app@shop.test", to: alice.email, subject: "over tls", text: "x" });
    const c = await pop3();
    c.socket.write(`STLS\r\nUSER ${alice.email}\r\n`);
    await until(() => false, 100);
    c.socket.removeAllListeners("data");
    const secured = tls.connect({ socket: c.socket, ca: caOf(stack), servername: "localhost" });
    await new Promise((r) => secured.once("secureConnect", r));
    const s = await pop3WithoutGreeting(secured);
    expect(await s.cmd(`PASS ${alice.token}`)).toMatch(/^-ERR USER comes first/);
    expect(await s.cmd("CAPA", true)).not.toMatch(/STLS/);
    const implicit = tls.connect({ port: stack.app.server.pop3.tlsPort!, host: "127.0.0.1", ca: caOf(stack), servername: "localhost" });
    await new Promise((r) => implicit.once("secureConnect", r));
    const i = await pop3(implicit);
    expect(await i.cmd(`USER ${alice.email}`)).toMatch(/^\+OK/);
    expect(await i.cmd(`PASS ${alice.token}`)).toMatch(/^\+OK 1 messages/);
    expect(await i.cmd("STLS")).toMatch(/^-ERR STLS is not allowed after logging in/);
  });
});

/** pop3WithoutGreeting is pop3 over a socket that was upgraded mid-session (no greeting comes). */
async function pop3WithoutGreeting(socket: tls.TLSSocket) {
  let buf = "";
  socket.on("data", (d: Buffer) => (buf += d.toString("latin1")));
  const next = async (multi: boolean) => {
    await until(() => (multi && buf.startsWith("+OK") ? buf.includes("\r\n.\r\n") : buf.includes("\r\n")));
    const out = buf;
    buf = "";
    return out;
  };
  return {
    async cmd(line: string, multi = false) {
      socket.write(`${line}\r\n`);
      return next(multi);
    },
  };
}
