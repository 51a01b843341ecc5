import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type TestApp } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { startRqlite, type TestRqlite } from "../support/rqlite.js";
import { jsonInit, registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

let rq: TestRqlite;
let mp: TestMailpit;
let app: TestApp;
let alice: TestUser;
let bob: TestUser;

beforeAll(async () => {
  rq = await startRqlite();
  // Mailpit keeps its messages in rqlite, as in docker compose's cluster profile.
  mp = await startMailpit(undefined, [], rq.url);
  app = await startApp(mp);
  [alice, bob] = await Promise.all([registerUser(app, uniq("alice")), registerUser(app, uniq("bob"))]);
});

afterAll(async () => {
  await app?.stop();
  await mp?.stop();
  await rq?.stop();
});

describe("Mailpit on rqlite behind Sandpit", () => {
  it("indexes, serves and isolates mail whose bodies live in rqlite", async () => {
    const toAlice = await deliver(mp.smtpPort, {
      from: "app@shop.test",
      to: alice.email,
      subject: "stored in rqlite",
      text: "raft says hi",
    });
    await waitFor(async () => (await listIds(alice)).includes(toAlice), "indexed");
    const msg = await alice.json(`/api/v1/message/${toAlice}`);
    expect([msg.status, msg.body.Text.trim()]).toEqual([200, "raft says hi"]);
    const raw = await (await alice.fetch(`/api/v1/message/${toAlice}/raw`)).text();
    expect(raw).toContain("Subject: stored in rqlite");
    expect(await listIds(bob)).not.toContain(toAlice);
    expect((await bob.json(`/api/v1/message/${toAlice}`)).status).toBe(404);

    const sent = await bob.json(
      "/api/v1/send",
      jsonInit("POST", { To: [{ Email: alice.email }], Bcc: ["carol@example.test"], Subject: "via send" }),
    );
    expect(sent.status).toBe(200);
    expect(await listIds(alice)).toContain(sent.body.ID);
    expect((await alice.json(`/api/v1/message/${sent.body.ID}`)).body.Bcc).toEqual([]);
    expect((await alice.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [toAlice] }))).status).toBe(200);
    expect(await listIds(alice)).not.toContain(toAlice);
  });
});
