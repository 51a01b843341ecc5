import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { freePort } from "../../src/mailpit/supervisor.js";
import { waitFor } from "./app.js";

const LOCAL = fileURLToPath(new URL("../../.tools/bin/rqlited", import.meta.url));

/** TestRqlite is a single-node rqlite (scripts/install-rqlite.sh) on free loopback ports. */
export interface TestRqlite {
  url: string;
  stop(): Promise<void>;
}

/** startRqlite runs the pinned rqlited in a temporary folder and waits for its /readyz. */
export async function startRqlite(): Promise<TestRqlite> {
  const bin = process.env.RQLITED_BIN ?? LOCAL;
  if (!fs.existsSync(bin)) throw new Error(`rqlited is missing at ${bin}: run scripts/install-rqlite.sh (npm test does)`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-rqlite-"));
  const [http, raft] = [await freePort(), await freePort()];
  const child = spawn(
    bin,
    ["-node-id", "1", "-http-addr", `127.0.0.1:${http}`, "-raft-addr", `127.0.0.1:${raft}`, path.join(dir, "data")],
    {
      stdio: "ignore",
    },
  );
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const url = `http://127.0.0.1:${http}`;
  await waitFor(async () => (await fetch(`${url}/readyz`)).ok, "rqlite /readyz", 20_000);
  return {
    url,
    async stop() {
      child.kill("SIGTERM");
      await exited;
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
