import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { login, PASSWORD } from "../accounts/helpers.js";
import { CLI_OPERATOR } from "../../src/adapters/cli/operator.js";
import { startApp, type TestApp } from "../support/app.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import { createDatabase } from "../support/postgres.js";
import { registerUser } from "../support/users.js";
import { uniq } from "../support/world.js";

let mp: TestMailpit;
let replicas: TestApp[] = [];

beforeAll(async () => {
  mp = await startMailpit();
  const url = await createDatabase(inject("pgAdminUrl"), `limits_${randomBytes(4).toString("hex")}`);
  const env = { SANDPIT_DATABASE_URL: url, SANDPIT_AUTH_MODE: "password", SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "4" };
  replicas = [await startApp(mp, env), await startApp(mp, env)];
});

afterAll(async () => {
  for (const r of replicas) await r.stop();
  await mp?.stop();
});

describe("rate limits across replicas", () => {
  it("counts failed logins on every replica together: two on each lock the account on both", async () => {
    const [one, two] = replicas as [TestApp, TestApp];
    const email = uniq("shared");
    await registerUser(one, email, { password: PASSWORD });
    for (const r of [one, two, one, two]) expect((await login(r, email, "a wrong passphrase")).status).toBe(401);
    for (const r of [one, two]) expect((await login(r, email, PASSWORD)).status).toBe(429);
  });

  it("ends, on one replica, a session whose account was disabled through another", async () => {
    const [one, two] = replicas as [TestApp, TestApp];
    const email = uniq("gone");
    const user = await registerUser(one, email, { password: PASSWORD });
    const id = (await user.json("/api/v1/auth/me")).body.user.id as number;
    await two.server.deps.services.admin.updateUser(CLI_OPERATOR, id, { disabled: true });
    expect((await user.fetch("/api/v1/messages")).status).toBe(401);
  });
});
