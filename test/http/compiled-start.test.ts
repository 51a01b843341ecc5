import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { waitFor } from "../support/app.js";
import { COMPILED_START } from "../support/replica.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

describe("npm start runs the compiled server", () => {
  it("with the same node options in npm start, the image and the bench's replicas", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } };
    expect(pkg.scripts.start).toContain(`exec node ${COMPILED_START.join(" ")}`);
    const docker = fs.readFileSync(path.join(ROOT, "scripts", "Dockerfile"), "utf8");
    expect(docker).toContain(`CMD ${JSON.stringify(["node", ...COMPILED_START]).replace(/","/g, '", "')}`);
  });

  it(
    "builds dist/ when the sources are newer, and the compiled server finds its migrations, UI and Mailpit",
    { timeout: 120_000 },
    async () => {
      const built = spawnSync("bash", ["scripts/bootstrap.sh", "--build"], { cwd: ROOT, encoding: "utf8" });
      expect(built.status, built.stderr).toBe(0);
      expect(fs.existsSync(path.join(ROOT, "dist", "main.js"))).toBe(true);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-dist-"));
      // Started from another folder: nothing may depend on the working directory.
      const child = spawn(process.execPath, [path.join(ROOT, "dist", "main.js")], {
        cwd: os.tmpdir(),
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
      try {
        const url = await waitFor(() => /running at (http:\/\/\S+?);/.exec(out)?.[1], "the start-up line", 20_000);
        await waitFor(async () => (await fetch(`${url}/readyz`)).ok, "ready");
        const page = await fetch(`${url}/`);
        expect([page.status, (await page.text()).includes("<html")]).toEqual([200, true]);
        const reg = await fetch(`${url}/api/v1/auth/register`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ email: "dist@example.test" }),
        });
        expect(reg.status).toBe(201);
      } finally {
        child.kill("SIGTERM");
      }
      expect(await exited).toBe(0);
    },
  );
});
