import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/lib/log.js";
import { startServer } from "../../src/server.js";
import { startApp, waitFor, type TestApp } from "../support/app.js";
import { rawDb } from "../support/db.js";
import { deliver } from "../support/mail.js";
import { mailpitIds, startMailpit, type TestMailpit } from "../support/mailpit.js";
import { asUser, jsonInit, registerUser } from "../support/users.js";
import { listIds, uniq } from "../support/world.js";

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!().catch(() => undefined);
});
async function mailpit(): Promise<TestMailpit> {
  const mp = await startMailpit();
  cleanups.push(() => mp.stop());
  return mp;
}
async function sandpit(mp: TestMailpit, env: Record<string, string> = {}, dir?: string): Promise<TestApp> {
  const app = await startApp(mp, env, dir);
  cleanups.push(() => app.stop());
  return app;
}

describe("indexer", () => {
  it("gives mail delivered while Sandpit was stopped to the right users after it starts", async () => {
    const mp = await mailpit();
    const first = await sandpit(mp);
    const alice = await registerUser(first, uniq("alice"));
    const bob = await registerUser(first, uniq("bob"));
    await first.stop();

    const toAlice = await deliver(mp.smtpPort, { from: "app@x.test", to: alice.email, subject: "while down 1", text: "x" });
    const toBoth = await deliver(mp.smtpPort, { from: "app@x.test", to: alice.email, cc: bob.email, subject: "while down 2", text: "x" });

    const second = await sandpit(mp, {}, first.dataDir);
    const a = asUser(second, alice.email, alice.token);
    const b = asUser(second, bob.email, bob.token);
    // /readyz waited for the first reconcile, so the index is already caught up.
    expect((await listIds(a)).sort()).toEqual([toAlice, toBoth].sort());
    expect(await listIds(b)).toEqual([toBoth]);
  });

  it("backfills a user's existing mail when they register", async () => {
    const mp = await mailpit();
    const app = await sandpit(mp);
    const email = uniq("late");
    const early = await deliver(mp.smtpPort, { from: "app@x.test", to: email.toUpperCase(), subject: "before you joined", text: "x" });
    const db = await rawDb(app);
    await waitFor(async () => (await db.query("SELECT id FROM messages WHERE id = ?", [early])).length === 1, "indexed");
    await db.close();
    const late = await registerUser(app, email);
    expect(await listIds(late)).toEqual([early]);
  });

  it("indexes new mail from Mailpit's events without waiting for a reconcile", async () => {
    const mp = await mailpit();
    const app = await sandpit(mp, { SANDPIT_RECONCILE_SECONDS: "3600" });
    const u = await registerUser(app, uniq("live"));
    await waitFor(() => app.server.poller.isCaughtUp(), "caught up");
    const id = await deliver(mp.smtpPort, { from: "app@x.test", to: u.email, subject: "live", text: "x" });
    await waitFor(async () => (await listIds(u)).includes(id), "live event indexed", 5000);
  });

  it("removes what Mailpit no longer has, even when deleted behind Sandpit's back", async () => {
    const mp = await mailpit();
    const app = await sandpit(mp);
    const u = await registerUser(app, uniq("gone"));
    const one = await deliver(mp.smtpPort, { from: "app@x.test", to: u.email, subject: "one", text: "x" });
    const two = await deliver(mp.smtpPort, { from: "app@x.test", to: u.email, subject: "two", text: "x" });
    await waitFor(async () => (await listIds(u)).length === 2, "both indexed");
    await fetch(`${mp.apiUrl}/api/v1/messages`, jsonInit("DELETE", { IDs: [one] }));
    await waitFor(async () => (await listIds(u)).join() === two, "delete applied");
    await fetch(`${mp.apiUrl}/api/v1/messages`, { method: "DELETE" });
    await waitFor(async () => (await listIds(u)).length === 0, "truncate reconciled");
    expect((await u.json("/api/v1/messages")).body.total).toBe(0);
  });

  it("answers 503 while Mailpit is down, keeps lists, and catches up with nothing lost", async () => {
    let mp = await mailpit();
    const app = await sandpit(mp, { SANDPIT_RECONCILE_SECONDS: "0.5" });
    const u = await registerUser(app, uniq("outage"));
    const kept = await deliver(mp.smtpPort, { from: "app@x.test", to: u.email, subject: "kept", text: "x" });
    const doomed = await deliver(mp.smtpPort, { from: "app@x.test", to: u.email, subject: "doomed", text: "x" });
    await waitFor(async () => (await listIds(u)).length === 2, "indexed");
    await mp.stop();

    const read = await u.json(`/api/v1/message/${kept}`);
    expect([read.status, read.body.error.code]).toEqual([503, "UPSTREAM_UNAVAILABLE"]);
    const ready = await fetch(`${app.url}/readyz`);
    expect(ready.status).toBe(503);
    expect((await listIds(u)).length).toBe(2);
    // A delete while Mailpit is down updates my mailbox now and Mailpit later.
    expect((await u.fetch("/api/v1/messages", jsonInit("DELETE", { IDs: [doomed] }))).status).toBe(200);
    expect(await listIds(u)).toEqual([kept]);

    mp = await startMailpit(mp);
    cleanups.push(() => mp.stop());
    const after = await deliver(mp.smtpPort, { from: "app@x.test", to: u.email, subject: "after", text: "x" });
    await waitFor(async () => (await listIds(u)).includes(after), "caught up after the outage");
    await waitFor(async () => !(await mailpitIds(mp)).includes(doomed), "deferred upstream delete");
    expect((await u.json(`/api/v1/message/${kept}`)).status).toBe(200);
  });
});

describe("managed Mailpit", () => {
  it("starts Mailpit, restarts it when it dies, and stops it with Sandpit", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-managed-"));
    const server = await startServer(
      loadConfig({
        SANDPIT_PORT: "0",
        SANDPIT_SMTP_PORT: "0",
        SANDPIT_IMAP_PORT: "0",
        SANDPIT_POP3_PORT: "0",
        SANDPIT_DATA_DIR: dir,
        SANDPIT_RECONCILE_SECONDS: "0.5",
      }),
      { log: createLogger("silent") },
    );
    cleanups.push(() => server.close());
    await waitFor(async () => (await fetch(`${server.url}/readyz`)).ok, "ready");
    expect(fs.existsSync(path.join(dir, "mailpit.db"))).toBe(true);
    const pid = server.managed!.pid()!;
    expect(pid).toBeGreaterThan(0);

    process.kill(pid, "SIGKILL");
    await waitFor(() => server.managed!.pid() !== pid && server.managed!.pid(), "a new Mailpit process");
    await waitFor(async () => (await fetch(`${server.url}/readyz`)).ok, "ready again");
    const app = { url: server.url } as TestApp;
    const u = await registerUser(app, uniq("managed"));
    const id = await deliver(server.smtp!.port, { from: "app@x.test", to: u.email, subject: "after restart", text: "x" });
    await waitFor(async () => (await listIds(u)).includes(id), "indexed after restart");

    const newPid = server.managed!.pid()!;
    await server.close();
    expect(alive(newPid)).toBe(false);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
