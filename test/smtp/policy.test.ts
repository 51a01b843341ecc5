import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { accepted, submit } from "../support/mail.js";
import { registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

let mp: TestMailpit;
const apps: TestApp[] = [];
const start = async (env: Record<string, string>) => {
  const app = await startApp(mp, env);
  apps.push(app);
  return app;
};

beforeAll(async () => {
  mp = await startMailpit();
});
afterAll(async () => {
  for (const a of apps) await a.stop();
  await mp?.stop();
});

/** talk runs a raw SMTP dialogue line by line and returns every reply, for protocol edge cases. */
async function talk(port: number, lines: string[]): Promise<string[]> {
  const socket = net.connect({ host: "127.0.0.1", port });
  const replies: string[] = [];
  let buf = "";
  let wake: (() => void) | undefined;
  socket.on("data", (d) => {
    buf += d.toString("utf8");
    let i;
    while ((i = buf.indexOf("\r\n")) >= 0) {
      const line = buf.slice(0, i);
      buf = buf.slice(i + 2);
      if (/^\d{3} /.test(line)) {
        replies.push(line);
        wake?.();
      }
    }
  });
  const next = () => new Promise<void>((r) => (replies.length > sent ? r() : (wake = r)));
  let sent = 0;
  await next(); // greeting
  for (const line of lines) {
    sent++;
    socket.write(`${line}\r\n`);
    await next();
  }
  socket.end();
  return replies;
}

describe("Sandpit's SMTP: modes and limits", () => {
  let app: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    app = await start({ SANDPIT_SMTP_MAX_RECIPIENTS: "3", SANDPIT_MAX_MESSAGE_MB: "1", SANDPIT_LOGIN_FAILURES_PER_CLIENT: "3" });
    alice = await registerUser(app, uniq("alice"));
  });

  it("refuses a message over SIZE with 552 5.3.4, whether or not the client announced its size", async () => {
    const big = "x".repeat(1024 * 1024 + 10);
    const r = await submit(app.server.smtp.port, { from: "app@shop.test", to: alice.email, text: big });
    expect(r.ok || r.response).toMatch(/^552 5\.3\.4 /);
    // A client that does not announce a size is stopped at the end of DATA, with the same reply.
    const head = `From: app@shop.test\r\nTo: ${alice.email}\r\nSubject: big\r\n\r\n`;
    const lines = ["EHLO test.example", "MAIL FROM:<app@shop.test>", `RCPT TO:<${alice.email}>`, "DATA", `${head}${big}\r\n.`, "QUIT"];
    const replies = await talk(app.server.smtp.port, lines);
    expect(replies[5]).toMatch(/^552 5\.3\.4 Message too big; the limit is 1048576 bytes/);
    expect((await alice.json("/api/v1/messages")).body.total).toBe(0);
  });

  it("refuses recipients past the limit with 452 4.5.3, keeping the ones before", async () => {
    const r = await talk(app.server.smtp.port, [
      "EHLO test.example",
      "MAIL FROM:<app@shop.test>",
      "RCPT TO:<a@x.test>",
      "RCPT TO:<b@x.test>",
      "RCPT TO:<c@x.test>",
      "RCPT TO:<d@x.test>",
      "QUIT",
    ]);
    expect(r.slice(3, 6).every((l) => l.startsWith("250"))).toBe(true);
    expect(r[6]).toMatch(/^452 4\.5\.3 Too many recipients; at most 3/);
  });

  it("slows a client that keeps failing AUTH: 454 4.7.0 after the limit", async () => {
    const codes: string[] = [];
    for (let i = 0; i < 4; i++) {
      const r = await submit(
        app.server.smtp.port,
        { from: alice.email, to: alice.email, text: "x" },
        { auth: { user: alice.email, pass: "sp_wrong" } },
      );
      codes.push(r.ok ? "250" : r.response.slice(0, 9));
    }
    expect(codes).toEqual(["535 5.7.8", "535 5.7.8", "535 5.7.8", "454 4.7.0"]);
  });

  it("takes 8-bit UTF-8 headers and bodies through SMTPUTF8 and 8BITMIME unchanged", async () => {
    const raw = [
      `From: app@shop.test`,
      `To: ${alice.email}`,
      `Subject: Grüße, 東京`,
      `Content-Type: text/plain; charset=utf-8`,
      `Content-Transfer-Encoding: 8bit`,
      ``,
      `Ünïcödé body ✓`,
    ].join("\r\n");
    const id = accepted(
      await submit(app.server.smtp.port, { from: "app@shop.test", raw, envelope: { from: "app@shop.test", to: [alice.email] } }),
    );
    const m = (await alice.json(`/api/v1/message/${id}`)).body as { Subject: string; Text: string };
    expect([m.Subject, m.Text.trim()]).toEqual(["Grüße, 東京", "Ünïcödé body ✓"]);
  });
});

describe("Sandpit's SMTP: rate and connection limits, SMTPUTF8", () => {
  it("slows a user past SANDPIT_SMTP_MESSAGES_PER_MINUTE with 451 4.7.1, without slowing others", async () => {
    const app = await start({ SANDPIT_SMTP_MESSAGES_PER_MINUTE: "2" });
    const [gil, hal] = await Promise.all([registerUser(app, uniq("gil")), registerUser(app, uniq("hal"))]);
    const send = (u: TestUser) =>
      submit(app.server.smtp.port, { from: u.email, to: u.email, text: "x" }, { auth: { user: u.email, pass: u.token } });
    const replies = [];
    for (let i = 0; i < 3; i++) {
      const r = await send(gil);
      replies.push(r.ok ? "250" : r.response.replace(/ try again in \d+ s$/, ""));
    }
    expect(replies).toEqual(["250", "250", "451 4.7.1 Too many messages;"]);
    expect((await send(hal)).ok).toBe(true);
  });

  it("refuses connections past SANDPIT_SMTP_MAX_CLIENTS with 421", async () => {
    const app = await start({ SANDPIT_SMTP_MAX_CLIENTS: "1" });
    const first = net.connect({ host: "127.0.0.1", port: app.server.smtp.port });
    await new Promise((r) => first.once("data", r));
    const second = await talk(app.server.smtp.port, []);
    expect(second[0]).toMatch(/^421 /);
    first.destroy();
  });

  it("takes an internationalized address with SMTPUTF8 and relays it to Mailpit", async () => {
    const app = await start({});
    const rcpt = "ünïcødé@exämple.test";
    const replies = await talk(app.server.smtp.port, [
      "EHLO test.example",
      "MAIL FROM:<app@shop.test> SMTPUTF8",
      `RCPT TO:<${rcpt}>`,
      "DATA",
      `From: app@shop.test\r\nTo: ${rcpt}\r\nSubject: utf8 envelope\r\n\r\nx\r\n.`,
      "QUIT",
    ]);
    expect(replies[5]).toMatch(/^250 2\.0\.0 Ok: queued as (\S+)/);
    const id = /queued as (\S+)/.exec(replies[5]!)![1]!;
    const stored = (await (await fetch(`${mp.apiUrl}/api/v1/message/${id}`)).json()) as { To: { Address: string }[] };
    expect(stored.To.map((a) => a.Address)).toEqual([rcpt]);
  });
});

describe("Sandpit's SMTP: AUTH required, STARTTLS, trusted From, Mailpit down", () => {
  it("answers 530 5.7.0 to mail without AUTH in required mode, and takes it with AUTH over STARTTLS with the generated certificate", async () => {
    const app = await start({ SANDPIT_SMTP_AUTH: "required", SANDPIT_SMTP_REQUIRE_TLS: "true" });
    const bob = await registerUser(app, uniq("bob"));
    const r = await submit(app.server.smtp.port, { from: "app@shop.test", to: bob.email, text: "x" });
    expect(r.ok || r.response).toMatch(/^530 5\.7\.0 Authentication required/);
    // AUTH before STARTTLS is refused when TLS is required.
    const plain = await talk(app.server.smtp.port, [
      "EHLO test.example",
      `AUTH PLAIN ${Buffer.from(`\0${bob.email}\0${bob.token}`).toString("base64")}`,
    ]);
    expect(plain[2]).toMatch(/^5\d\d /);
    const ca = fs.readFileSync(path.join(app.dataDir, "tls", "sandpit-cert.pem"), "utf8");
    const ok = await submit(
      app.server.smtp.port,
      { from: bob.email, to: bob.email, subject: "over tls", text: "x" },
      { auth: { user: bob.email, pass: bob.token }, tls: { ca } },
    );
    const id = accepted(ok);
    const raw = await (await bob.fetch(`/api/v1/message/${id}/raw`)).text();
    expect(raw).toMatch(/by sandpit with ESMTPSA id /);
  });

  it("takes a user's password as well as their tokens in password mode", async () => {
    const app = await start({ SANDPIT_AUTH_MODE: "password" });
    const ivy = await registerUser(app, uniq("ivy"), { password: "correct horse battery" });
    const send = (pass: string) =>
      submit(app.server.smtp.port, { from: ivy.email, to: ivy.email, text: "x" }, { auth: { user: ivy.email, pass } });
    expect((await send("correct horse battery")).ok).toBe(true);
    expect((await send(ivy.token)).ok).toBe(true);
    const wrong = await send("wrong horse battery");
    expect(wrong.ok || wrong.response).toMatch(/^535 5\.7\.8 /);
  });

  it("lets an unauthenticated From make its sender an owner only with SANDPIT_SMTP_TRUST_FROM", async () => {
    const app = await start({ SANDPIT_SMTP_TRUST_FROM: "true" });
    const [carol, dan] = await Promise.all([registerUser(app, uniq("carol")), registerUser(app, uniq("dan"))]);
    const id = accepted(await submit(app.server.smtp.port, { from: carol.email, to: dan.email, bcc: "hidden@x.test", text: "x" }));
    const mine = (await carol.json("/api/v1/messages")).body.messages as { ID: string; Bcc: { Address: string }[] }[];
    expect(mine.find((m) => m.ID === id)?.Bcc.map((a) => a.Address)).toEqual(["hidden@x.test"]);
  });

  it("answers 451 4.3.0 while Mailpit's SMTP is down, and stores nothing", async () => {
    const closed = net.createServer();
    await new Promise<void>((r) => closed.listen(0, "127.0.0.1", () => r()));
    const deadPort = (closed.address() as net.AddressInfo).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const app = await start({ MAILPIT_SMTP: `127.0.0.1:${deadPort}` });
    const erin = await registerUser(app, uniq("erin"));
    const r = await submit(app.server.smtp.port, { from: "app@shop.test", to: erin.email, text: "x" });
    expect(r.ok || r.response).toMatch(/^451 4\.3\.0 /);
    expect((await erin.json("/api/v1/messages")).body.total).toBe(0);
  });
});
