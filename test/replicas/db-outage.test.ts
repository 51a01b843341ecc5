import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type TestApp } from "../support/app.js";
import { deliver } from "../support/mail.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { createDatabase, startPostgres, type TestPostgres } from "../support/postgres.js";
import { registerUser, type TestUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

let cluster: TestPostgres;
let mp: TestMailpit;
let app: TestApp;
let eve: TestUser;

beforeAll(async () => {
  // A cluster of this file's own, so the outage touches nobody else.
  cluster = await startPostgres();
  mp = await startMailpit();
  app = await startApp(mp, { SANDPIT_DATABASE_URL: await createDatabase(cluster.adminUrl, "outage") });
  eve = await registerUser(app, uniq("eve"));
});

afterAll(async () => {
  await app?.stop();
  await mp?.stop();
  await cluster?.stop();
});

describe("PostgreSQL lost while Sandpit runs", () => {
  it("answers 503 UPSTREAM_UNAVAILABLE naming the database, and recovers when it returns", async () => {
    expect((await eve.json("/api/v1/messages")).status).toBe(200);
    await cluster.pause();
    const down = await eve.json("/api/v1/messages");
    expect([down.status, down.body.error.code]).toEqual([503, "UPSTREAM_UNAVAILABLE"]);
    expect(down.body.error.message).toContain("database");
    expect((await fetch(`${app.url}/readyz`)).status).toBe(503);

    await cluster.resume();
    await waitFor(async () => (await eve.json("/api/v1/messages")).status === 200, "the API back");
    await waitFor(async () => (await fetch(`${app.url}/readyz`)).ok, "ready again");
    const id = await deliver(mp.smtpPort, { from: "app@shop.test", to: eve.email, subject: "after the outage", text: "x" });
    await waitFor(async () => (await listIds(eve)).includes(id), "mail indexed after the outage", 15_000);
  });
});
