import http from "node:http";
import { MailpitClient } from "mailpit-api";
import { beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { mailpitIds } from "../support/mailpit.js";
import { useStack } from "../support/stack.js";
import { registerUser, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

/**
 * An unmodified Mailpit client library (mailpit-api on npm) pointed at Sandpit: it only knows
 * basic auth, so the username is the user's email and the password a Sandpit token.
 */
const stack = useStack();
let alice: TestUser;
let bob: TestUser;
let asAlice: MailpitClient;
let asBob: MailpitClient;
beforeAll(async () => {
  alice = await registerUser(stack.app, uniq("alice"));
  bob = await registerUser(stack.app, uniq("bob"));
  asAlice = new MailpitClient(stack.app.url, { auth: { username: alice.email, password: alice.token } });
  asBob = new MailpitClient(stack.app.url, { auth: { username: bob.email, password: bob.token } });
});

describe("the mailpit-api client against Sandpit", () => {
  it("sends, lists, reads and searches as the authenticated user", async () => {
    const { ID } = await asAlice.sendMessage({
      From: { Email: alice.email },
      To: [{ Email: bob.email }],
      Subject: "compat hello",
      Text: "compat text",
      HTML: "<p>compat html</p>",
    });
    const bobsList = await asBob.listMessages();
    expect(bobsList.messages.map((m) => m.ID)).toContain(ID);
    expect(bobsList.messages_count).toBe(bobsList.total);
    const latest = await asBob.getMessageSummary();
    expect(latest.ID).toBe(ID);
    expect(latest.Subject).toBe("compat hello");
    expect((await asBob.getMessageHeaders(ID)).Subject).toEqual(["compat hello"]);
    expect(await asBob.getMessageSource(ID)).toContain("compat text");
    expect(await asBob.renderMessageText(ID)).toContain("compat text");
    expect(await asBob.renderMessageHTML(ID)).toContain("compat html");
    expect((await asBob.htmlCheck(ID)).Total).toBeDefined();
    const found = await asBob.searchMessages({ query: "subject:compat" });
    expect(found.messages.map((m) => m.ID)).toEqual([ID]);
    expect((await asBob.getInfo()).Messages).toBe(bobsList.total);
    expect(Array.isArray(await asBob.getTags())).toBe(true);
    expect((await asBob.getConfiguration()).ChaosEnabled).toBe(false);
  });

  it("waits for a message delivered over SMTP", async () => {
    const waiting = asBob.waitForMessage({ query: "subject:awaited" }, { timeout: 10_000, interval: 100 });
    await deliver(stack.mp.smtpPort, { from: "app@x.test", to: bob.email, subject: "awaited", text: "x" });
    const msg = await waiting;
    expect(msg.Subject).toBe("awaited");
    const counted = await asBob.waitForMessages({ query: "subject:awaited", count: 1 }, { timeout: 5000, interval: 100 });
    expect(counted.messages_count).toBe(1);
  });

  it("marks read and deletes all of MY messages only, even with the client's no-body delete-all", async () => {
    const kept = await deliver(stack.mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "alice keeps this", text: "x" });
    await waitFor(async () => (await asAlice.listMessages()).messages.some((m) => m.ID === kept), "alice's message indexed");
    const alicesBefore = (await asAlice.listMessages()).total;
    expect(alicesBefore).toBeGreaterThan(0);
    expect(await asBob.setReadStatus({ Read: true })).toBe("ok");
    expect((await asBob.listMessages()).unread).toBe(0);
    expect((await asAlice.listMessages()).unread).toBeGreaterThan(0);
    expect(await asBob.deleteMessagesBySearch({ query: "subject:awaited" })).toBe("ok");
    expect(await asBob.deleteMessages()).toBe("ok");
    expect((await asBob.listMessages()).total).toBe(0);
    expect((await asAlice.listMessages()).total).toBe(alicesBefore);
    expect((await mailpitIds(stack.mp)).length).toBeGreaterThanOrEqual(alicesBefore);
  });

  it("is refused instance-wide operations and bad credentials", async () => {
    await expect(asBob.getChaosTriggers()).rejects.toThrow(/403/);
    await expect(asBob.renameTag("a", "b")).rejects.toThrow(/403/);
    const wrong = new MailpitClient(stack.app.url, { auth: { username: bob.email, password: "sp_nope" } });
    await expect(wrong.listMessages()).rejects.toThrow(/401/);
    const replayed = new MailpitClient(stack.app.url, { auth: { username: alice.email, password: bob.token } });
    await expect(replayed.listMessages()).rejects.toThrow(/401/);
  });

  it("redirects cypress-mailpit's double-slash view URL to the clean path, like Mailpit", async () => {
    const u = new URL(stack.app.url);
    const res = await new Promise<{ status?: number; location?: string }>((resolve, reject) =>
      http
        .get({ host: u.hostname, port: u.port, path: "//view/abc.html?embed=1" }, (r) => {
          r.resume();
          resolve({ status: r.statusCode, location: r.headers.location });
        })
        .on("error", reject),
    );
    expect(res).toEqual({ status: 301, location: "/view/abc.html?embed=1" });
  });

  it("works with a bearer token passed as a header", async () => {
    const bearer = new MailpitClient(stack.app.url, { fetchOptions: { headers: { Authorization: `Bearer ${alice.token}` } } });
    expect((await bearer.listMessages()).total).toBe((await asAlice.listMessages()).total);
  });
});
