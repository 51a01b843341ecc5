import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { waitFor } from "./app.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** Replica is one Sandpit process started the way users start it (node src/main.ts, or the compiled dist/main.js). */
export interface Replica {
  url: string;
  /** Its own SMTP server's port. */
  smtpPort: number;
  /** Its data folder (the SQLite file when it runs on SQLite). */
  dataDir: string;
  child: ChildProcess;
  exited: Promise<number | null>;
  /** ready resolves once /readyz answers 200, with whether this replica holds the poller lease. */
  ready(): Promise<{ leader: boolean }>;
  /** stop ends it with SIGTERM and waits for it to exit. */
  stop(): Promise<void>;
}

/**
 * COMPILED_START is how `npm start` and the image run the server (package.json, scripts/Dockerfile):
 * a young generation of 2 MB keeps the resident size near 125 MB instead of 160 MB (measured).
 */
export const COMPILED_START = ["--enable-source-maps", "--max-semi-space-size=2", "dist/main.js"];

/** How a replica's process starts: `nodeArgs` before the script (e.g. --cpu-prof); `compiled` runs dist/main.js as `npm start` does. */
export interface ReplicaOptions {
  nodeArgs?: string[];
  compiled?: boolean;
}

/** startReplica runs one Sandpit process with `env` on a random port and waits for its URL. */
export async function startReplica(env: Record<string, string>, opts: ReplicaOptions = {}): Promise<Replica> {
  const dataDir = env.SANDPIT_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-replica-"));
  const script = opts.compiled ? COMPILED_START : ["--import", "tsx", "src/main.ts"];
  if (opts.compiled && !fs.existsSync(path.join(ROOT, "dist", "main.js"))) throw new Error("dist/main.js is missing: run npm run build");
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), ...script], {
    cwd: ROOT,
    env: {
      ...process.env,
      SANDPIT_PORT: "0",
      SANDPIT_SMTP_PORT: "0",
      SANDPIT_IMAP_PORT: "0",
      SANDPIT_POP3_PORT: "0",
      SANDPIT_LOG: "warn",
      ...env,
      SANDPIT_DATA_DIR: dataDir,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout!.on("data", (b: Buffer) => (out += b.toString()));
  child.stderr!.on("data", (b: Buffer) => (err += b.toString()));
  const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
  const url = await waitFor(
    () => {
      if (child.exitCode !== null) throw new Error(`replica exited: ${err}`);
      return /running at (http:\/\/\S+?)(;|\s|$)/.exec(out)?.[1];
    },
    "a replica's start-up line",
    30_000,
  );
  const smtpPort = Number(/over SMTP to \S+:(\d+)/.exec(out)?.[1]);
  return {
    url,
    smtpPort,
    dataDir,
    child,
    exited,
    ready: () =>
      waitFor(
        async () => {
          const res = await fetch(`${url}/readyz`);
          return res.ok ? ((await res.json()) as { leader: boolean }) : undefined;
        },
        "a replica's /readyz",
        30_000,
      ),
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}
