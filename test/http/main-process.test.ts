import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import net from "node:net";
import { freePort } from "../../src/mailpit/supervisor.js";
import { waitFor } from "../support/app.js";
import { deliver } from "../support/mail.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** pidsUsing lists processes whose command line mentions `needle` (the managed Mailpit's data dir). */
function pidsUsing(needle: string): number[] {
  const out = spawnSync("pgrep", ["-f", needle], { encoding: "utf8" }).stdout;
  return out.split("\n").filter(Boolean).map(Number);
}

/** start runs the real entry point; `ready` resolves with its URL once /readyz answers 200. */
function start(env: Record<string, string>) {
  // One process (not the tsx wrapper and its child), so SIGKILL kills Sandpit itself.
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: { ...process.env, SANDPIT_LOG: "warn", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr.on("data", (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const ready = (async () => {
    const url = await waitFor(() => /running at (http:\/\/\S+?);/.exec(out)?.[1], "the start-up line", 20_000);
    await waitFor(async () => (await fetch(`${url}/readyz`)).ok, "ready");
    return url;
  })();
  // A process that is meant to fail never prints the line: its `ready` is not awaited, and its
  // rejection (20 s later, maybe after the test) must not count as an unhandled error.
  ready.catch(() => undefined);
  return { child, exited, ready, stderr: () => err };
}

describe("sandpit main process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("starts a managed Mailpit and leaves no orphan on %s", async (signal) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-main-"));
    const child = spawn("node_modules/.bin/tsx", ["src/main.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        SANDPIT_PORT: "0",
        SANDPIT_SMTP_PORT: "0",
        SANDPIT_IMAP_PORT: "0",
        SANDPIT_POP3_PORT: "0",
        SANDPIT_DATA_DIR: dir,
        SANDPIT_LOG: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (b: Buffer) => (out += b.toString()));
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    const url = await waitFor(() => /running at (http:\/\/\S+?);/.exec(out)?.[1], "the start-up line", 20_000);
    await waitFor(async () => (await fetch(`${url}/readyz`)).ok, "ready");
    expect(pidsUsing(path.join(dir, "mailpit.db")).length).toBe(1);

    child.kill(signal);
    expect(await exited).toBe(0);
    await waitFor(() => pidsUsing(path.join(dir, "mailpit.db")).length === 0, "the managed Mailpit to exit", 10_000);
  });

  it("stops the Mailpit a SIGKILLed Sandpit left behind, and serves SMTP on its port again", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-kill9-"));
    const smtpPort = await freePort();
    const env = {
      SANDPIT_PORT: "0",
      SANDPIT_SMTP_PORT: String(smtpPort),
      SANDPIT_IMAP_PORT: "0",
      SANDPIT_POP3_PORT: "0",
      SANDPIT_DATA_DIR: dir,
    };
    const first = start(env);
    await first.ready;
    const orphan = pidsUsing(path.join(dir, "mailpit.db"));
    expect(orphan.length).toBe(1);
    first.child.kill("SIGKILL");
    await first.exited;
    // Nothing could stop it: the managed Mailpit outlives its parent.
    expect(pidsUsing(path.join(dir, "mailpit.db"))).toEqual(orphan);

    const second = start(env);
    const url = await second.ready;
    const now = pidsUsing(path.join(dir, "mailpit.db"));
    expect(now.length).toBe(1);
    expect(now).not.toEqual(orphan);
    const kim = await fetch(`${url}/api/v1/auth/register`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "kim@example.test" }),
    });
    const token = ((await kim.json()) as { token: string }).token;
    const meanwhile = await deliver(smtpPort, { from: "app@shop.test", to: "kim@example.test", subject: "after the restart", text: "x" });
    const list = await fetch(`${url}/api/v1/messages`, { headers: { authorization: `Bearer ${token}` } });
    expect(((await list.json()) as { messages: { ID: string }[] }).messages.map((m) => m.ID)).toContain(meanwhile);
    second.child.kill("SIGTERM");
    expect(await second.exited).toBe(0);
  });

  it("fails to start, naming the setting, when its SMTP port is taken", async () => {
    const holder = net.createServer().listen(0, "127.0.0.1");
    await new Promise((r) => holder.once("listening", r));
    const port = (holder.address() as net.AddressInfo).port;
    try {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-busy-"));
      const run = start({
        SANDPIT_PORT: "0",
        SANDPIT_SMTP_PORT: String(port),
        SANDPIT_IMAP_PORT: "0",
        SANDPIT_POP3_PORT: "0",
        SANDPIT_DATA_DIR: dir,
      });
      expect(await run.exited).toBe(1);
      expect(run.stderr()).toMatch(new RegExp(`127\\.0\\.0\\.1:${port} is already in use.*SANDPIT_SMTP_PORT`));
      expect(pidsUsing(path.join(dir, "mailpit.db"))).toEqual([]);
    } finally {
      holder.close();
    }
  });

  it("fails to start, naming SANDPIT_DATABASE_URL, when PostgreSQL is unreachable or the URL is not postgres://", async () => {
    const closed = await freePort();
    const mp = { MAILPIT_URL: "http://127.0.0.1:9", SANDPIT_PORT: "0", SANDPIT_SMTP_PORT: "0", SANDPIT_IMAP_PORT: "0" };
    const unreachable = start({ ...mp, SANDPIT_DATABASE_URL: `postgres://sandpit:secret@127.0.0.1:${closed}/sandpit` });
    expect(await unreachable.exited).toBe(1);
    expect(unreachable.stderr()).toContain("SANDPIT_DATABASE_URL");
    expect(unreachable.stderr()).toContain(`127.0.0.1:${closed}`);
    expect(unreachable.stderr()).not.toContain("secret");
    const wrong = start({ ...mp, SANDPIT_DATABASE_URL: "mysql://127.0.0.1/sandpit" });
    expect(await wrong.exited).toBe(1);
    expect(wrong.stderr()).toMatch(/SANDPIT_DATABASE_URL: must be a postgres:\/\/ URL/);
    const managed = start({
      SANDPIT_PORT: "0",
      SANDPIT_SMTP_PORT: "0",
      SANDPIT_IMAP_PORT: "0",
      SANDPIT_POP3_PORT: "0",
      SANDPIT_DATABASE_URL: `postgres://127.0.0.1:${closed}/sandpit`,
    });
    expect(await managed.exited).toBe(1);
    expect(managed.stderr()).toMatch(/SANDPIT_DATABASE_URL: .*MAILPIT_URL/);
  });

  it("refuses to start with a bad setting, naming it", () => {
    const r = spawnSync("node_modules/.bin/tsx", ["src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, SANDPIT_PORT: "http", SANDPIT_AUTH_MODE: "maybe" },
      encoding: "utf8",
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("SANDPIT_PORT");
    expect(r.stderr).toContain("SANDPIT_AUTH_MODE");
  });
});
