import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startApp, waitFor, type TestApp } from "../support/app.js";
import { cliOf } from "../support/cli.js";
import { rawDb } from "../support/db.js";
import { startMailpit, type TestMailpit } from "../support/mailpit.js";
import type { Stack } from "../support/stack.js";
import { jsonInit } from "../support/users.js";
import { uniq } from "../support/world.js";
import { audit, login, makeAdmin, PASSWORD, signIn } from "./helpers.js";

/**
 * A shared sandbox whose reset mail goes out through an outbound relay: a second real Mailpit
 * stands in for the company's mail server, and the test reads the link from it.
 */
const stack = {} as Stack & { relay: TestMailpit };
beforeAll(async () => {
  stack.relay = await startMailpit();
  stack.mp = await startMailpit();
  stack.app = await startApp(stack.mp, {
    SANDPIT_AUTH_MODE: "password",
    SANDPIT_RELAY_URL: `smtp://127.0.0.1:${stack.relay.smtpPort}`,
    SANDPIT_RELAY_FROM: "sandpit@ops.test",
    SANDPIT_PUBLIC_URL: "https://sandpit.ops.test",
    SANDPIT_RESET_REQUESTS_PER_HOUR: "6",
  });
});
afterAll(async () => {
  await stack.app?.stop();
  await stack.mp?.stop();
  await stack.relay?.stop();
});

const post = (app: TestApp, path: string, body: unknown) => fetch(`${app.url}${path}`, jsonInit("POST", body));

/** linkMailedTo waits for the reset mail to `email` at the relay and returns its token. */
async function linkMailedTo(email: string): Promise<string> {
  const msg = await waitFor(async () => {
    const list = (await (await fetch(`${stack.relay.apiUrl}/api/v1/search?query=${encodeURIComponent(`to:${email}`)}`)).json()) as any;
    return list.messages[0] as { ID: string } | undefined;
  }, "the reset mail at the relay");
  const full = (await (await fetch(`${stack.relay.apiUrl}/api/v1/message/${msg.ID}`)).json()) as any;
  expect(full.From.Address).toBe("sandpit@ops.test");
  // The link opens the configured address, whatever Host the request came with.
  expect(full.Text).toContain("https://sandpit.ops.test/#/reset?token=");
  const token = /token=([A-Za-z0-9_%-]+)/.exec(full.Text as string)?.[1];
  expect(token).toBeDefined();
  return decodeURIComponent(token!);
}

describe("password reset", () => {
  it("answers the same for an account and for nobody, and mails a one-time link to the account only", async () => {
    const alice = uniq("alice");
    await post(stack.app, "/api/v1/auth/register", { email: alice, password: PASSWORD });
    const nobody = uniq("nobody");
    const answers = [];
    for (const email of [alice, nobody]) {
      // An attacker's Host header (an IP literal passes the host guard) must not become the link's host.
      const res = await fetch(`${stack.app.url}/api/v1/auth/password-reset-request`, {
        ...jsonInit("POST", { email }),
        headers: { "content-type": "application/json", host: "203.0.113.9" },
      });
      answers.push({ status: res.status, body: await res.json() });
    }
    expect(answers[0]).toEqual(answers[1]);
    expect(answers[0]!.status).toBe(202);
    const token = await linkMailedTo(alice);
    const search = (await (await fetch(`${stack.relay.apiUrl}/api/v1/search?query=${encodeURIComponent(`to:${nobody}`)}`)).json()) as any;
    expect(search.messages).toHaveLength(0);

    const other = await signIn(stack.app, alice);
    const weak = await post(stack.app, "/api/v1/auth/password-reset", { token, password: "short" });
    expect(weak.status).toBe(400);
    const NEW = "a brand new passphrase";
    expect((await post(stack.app, "/api/v1/auth/password-reset", { token, password: NEW })).status).toBe(204);
    // Every session ended; the old password no longer works, the new one does; the link is spent.
    expect((await other.fetch("/api/v1/messages")).status).toBe(401);
    expect((await login(stack.app, alice, PASSWORD)).status).toBe(401);
    expect((await login(stack.app, alice, NEW)).status).toBe(200);
    const again = await post(stack.app, "/api/v1/auth/password-reset", { token, password: "yet another passphrase" });
    expect(again.status).toBe(400);
    expect(((await again.json()) as any).error.message).toContain("already used or expired");
  });

  it("refuses an expired link, a forged one, and bad input", async () => {
    const bob = uniq("bob");
    await post(stack.app, "/api/v1/auth/register", { email: bob, password: PASSWORD });
    await post(stack.app, "/api/v1/auth/password-reset-request", { email: bob });
    const token = await linkMailedTo(bob);
    const db = await rawDb(stack.app);
    await db.query("UPDATE password_resets SET expires_at = ? WHERE expires_at > ?", [Date.now() - 1, Date.now()]);
    await db.close();
    expect((await post(stack.app, "/api/v1/auth/password-reset", { token, password: "a brand new passphrase" })).status).toBe(400);
    const forged = `${token.slice(0, -4)}AAAA`;
    expect((await post(stack.app, "/api/v1/auth/password-reset", { token: forged, password: "a brand new passphrase" })).status).toBe(400);
    for (const body of [{}, { email: "nope" }, { email: bob, extra: 1 }]) {
      expect((await post(stack.app, "/api/v1/auth/password-reset-request", body)).status).toBe(400);
    }
    expect((await post(stack.app, "/api/v1/auth/password-reset", { password: "x" })).status).toBe(400);
    expect((await login(stack.app, bob, PASSWORD)).status).toBe(200);
  });

  it("lets an admin make the link (API and CLI) for an account made without a password", async () => {
    const admin = await makeAdmin(stack.app);
    const carol = uniq("carol");
    const made = await admin.json("/api/v1/admin/users", jsonInit("POST", { email: carol }));
    expect(made.status).toBe(201);
    expect((await login(stack.app, carol, "anything at all, really")).status).toBe(401);
    const link = await admin.json(`/api/v1/admin/users/${made.body.id}/reset-link`, { method: "POST" });
    expect(link.status).toBe(201);
    expect(link.body.url).toContain(`#/reset?token=`);
    expect((await post(stack.app, "/api/v1/auth/password-reset", { token: link.body.token, password: PASSWORD })).status).toBe(204);
    expect((await login(stack.app, carol, PASSWORD)).status).toBe(200);

    // A throwaway inbox has no password to reset.
    const inbox = (await admin.json("/api/v1/inboxes", jsonInit("POST", { expiresInMinutes: 5 }))).body;
    const inboxId = (await admin.json(`/api/v1/admin/users?kind=inboxes&query=${encodeURIComponent(inbox.address)}`)).body.users[0].id;
    expect((await admin.json(`/api/v1/admin/users/${inboxId}/reset-link`, { method: "POST" })).status).toBe(400);

    const cli = cliOf(stack);
    const out = await cli("users", "reset-link", carol, "--json");
    expect(out.code).toBe(0);
    const viaCli = JSON.parse(out.stdout) as { token: string; url: string };
    expect((await post(stack.app, "/api/v1/auth/password-reset", { token: viaCli.token, password: "the cli passphrase" })).status).toBe(
      204,
    );
    expect((await login(stack.app, carol, "the cli passphrase")).status).toBe(200);
    const actions = (await audit(admin, { action: "password." })).map((e) => `${e.action}:${e.result}`);
    expect(actions).toEqual(expect.arrayContaining(["password.reset:ok", "password.reset:failed", "password.reset_request:ok"]));
  });

  it("limits reset requests per client address with 429 and Retry-After, and logs it", async () => {
    let res: Response | undefined;
    for (let i = 0; i < 8; i++) res = await post(stack.app, "/api/v1/auth/password-reset-request", { email: uniq("flood") });
    expect(res!.status).toBe(429);
    expect(Number(res!.headers.get("retry-after"))).toBeGreaterThan(0);
    const admin = await makeAdmin(stack.app);
    expect((await audit(admin, { action: "rate_limited" })).map((e) => e.target)).toContain("reset-request");
  });
});
