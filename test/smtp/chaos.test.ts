import nodemailer from "nodemailer";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, type TestApp } from "../support/app.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { accepted, submit } from "../support/mail.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

let mp: TestMailpit;
let app: TestApp;
let alice: TestUser, bob: TestUser;
const apps: TestApp[] = [];

beforeAll(async () => {
  mp = await startMailpit();
  app = await startApp(mp);
  apps.push(app);
  [alice, bob] = (await Promise.all(["alice", "bob"].map((n) => registerUser(app, uniq(n))))) as [TestUser, TestUser];
});
afterAll(async () => {
  for (const a of apps) await a.stop();
  await mp?.stop();
});

const setChaos = (u: TestUser, rule: unknown) => u.json("/api/v1/smtp/chaos", jsonInit("PUT", rule));

describe("per-user SMTP fault injection (/api/v1/smtp/chaos)", () => {
  it("is off by default, and each user reads only their own rule", async () => {
    expect((await alice.json("/api/v1/smtp/chaos")).body).toMatchObject({
      enabled: false,
      code: 451,
      probability: 1,
      recipients: [],
      available: true,
    });
    expect((await setChaos(alice, { enabled: true, code: 451, enhanced: "4.7.1", message: "come back later" })).status).toBe(200);
    expect((await bob.json("/api/v1/smtp/chaos")).body.enabled).toBe(false);
  });

  it("answers the chosen error for mail to my addresses only, and takes the rest of the message", async () => {
    const port = app.server.smtp.port;
    const r = await submit(port, { from: "app@shop.test", to: alice.email, subject: "to alice", text: "x" });
    expect(r.ok || r.response).toBe("451 4.7.1 come back later");
    // One message to both: alice's RCPT is refused, bob's taken; bob alone gets it.
    const t = nodemailer.createTransport({ host: "127.0.0.1", port, ignoreTLS: true });
    const info = (await t.sendMail({ from: "app@shop.test", to: [alice.email, bob.email], subject: "both", text: "x" })) as {
      accepted: string[];
      rejected: string[];
      response: string;
    };
    t.close();
    expect([info.accepted, info.rejected]).toEqual([[bob.email], [alice.email]]);
    const id = /queued as (\S+)/.exec(info.response)![1]!;
    expect((await bob.fetch(`/api/v1/message/${id}`)).status).toBe(200);
    expect((await alice.fetch(`/api/v1/message/${id}`)).status).toBe(404);
  });

  it("fails what my authenticated sessions send, but not what others send me when the rule names recipients", async () => {
    const auth = { user: alice.email, pass: alice.token };
    const sent = await submit(app.server.smtp.port, { from: alice.email, to: bob.email, text: "x" }, { auth });
    expect(sent.ok || sent.response).toBe("451 4.7.1 come back later");
    await setChaos(alice, { enabled: true, code: 550, message: "mailbox on fire", recipients: [alice.email.toUpperCase()] });
    expect((await submit(app.server.smtp.port, { from: alice.email, to: bob.email, text: "x" }, { auth })).ok).toBe(true);
    const r = await submit(app.server.smtp.port, { from: "app@shop.test", to: alice.email, text: "x" });
    expect(r.ok || r.response).toBe("550 5.3.0 mailbox on fire");
    expect((await bob.json("/api/v1/smtp/chaos")).body.enabled).toBe(false);
  });

  it("honours the probability", async () => {
    await setChaos(alice, { enabled: true, code: 451, probability: 0 });
    accepted(await submit(app.server.smtp.port, { from: "app@shop.test", to: alice.email, text: "x" }));
    await setChaos(alice, { enabled: false });
    accepted(await submit(app.server.smtp.port, { from: "app@shop.test", to: alice.email, text: "x" }));
  });

  it("refuses other users' addresses and malformed rules with a clear error", async () => {
    const foreign = await setChaos(alice, { enabled: true, recipients: [bob.email] });
    expect([foreign.status, foreign.body.error.code]).toEqual([403, "FORBIDDEN"]);
    expect(foreign.body.error.message).toContain(bob.email);
    for (const bad of [{ code: 250 }, { code: 470 }, { code: 451, enhanced: "5.1.1" }, { surprise: true }, { probability: 2 }]) {
      const r = await setChaos(alice, bad);
      expect([JSON.stringify(bad), r.status, r.body.error.code]).toEqual([JSON.stringify(bad), 400, "BAD_REQUEST"]);
    }
  });

  it("can be turned off by the operator (SANDPIT_SMTP_CHAOS=false)", async () => {
    const off = await startApp(mp, { SANDPIT_SMTP_CHAOS: "false" });
    apps.push(off);
    const carol = await registerUser(off, uniq("carol"));
    expect((await carol.json("/api/v1/smtp/chaos")).body.available).toBe(false);
    const r = await setChaos(carol, { enabled: true });
    expect([r.status, r.body.error.code]).toEqual([403, "FORBIDDEN"]);
  });
});

describe("my SMTP settings and a real connection test (/api/v1/smtp)", () => {
  it("gives a mail client's settings, and logs in to Sandpit's SMTP with a token or reports the refusal", async () => {
    const s = (await bob.json("/api/v1/smtp")).body;
    expect(s).toMatchObject({ port: app.server.smtp.port, username: bob.email, security: "STARTTLS offered", auth: "optional" });
    expect((await bob.json("/api/v1/smtp/check", jsonInit("POST", { password: bob.token }))).body).toEqual({
      ok: true,
      reply: "235 2.7.0 Authentication successful",
    });
    const wrong = (await bob.json("/api/v1/smtp/check", jsonInit("POST", { password: "sp_wrong" }))).body;
    expect(wrong.ok).toBe(false);
    expect(wrong.reply).toMatch(/^535 5\.7\.8 /);
    expect((await bob.json("/api/v1/smtp/check", jsonInit("POST", {}))).status).toBe(400);
  });
});
