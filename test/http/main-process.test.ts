import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** pidsUsing lists processes whose command line mentions `needle` (the managed Mailpit's data dir). */
function pidsUsing(needle: string): number[] {
  const out = spawnSync("pgrep", ["-f", needle], { encoding: "utf8" }).stdout;
  return out.split("\n").filter(Boolean).map(Number);
}

describe("sandpit main process", () => {
  it.each(["SIGTERM", "SIGINT"] as const)("starts a managed Mailpit and leaves no orphan on %s", async (signal) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-main-"));
    const child = spawn("node_modules/.bin/tsx", ["src/main.ts"], {
      cwd: ROOT,
      env: { ...process.env, SANDPIT_PORT: "0", SANDPIT_SMTP_PORT: "0", SANDPIT_DATA_DIR: dir, SANDPIT_LOG: "warn" },
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
