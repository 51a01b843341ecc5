import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../lib/log.js";
import { assertPortFree, pidFileFor, smtpGreets, stopStaleMailpit } from "./stale.js";
import { fromRoot } from "../lib/root.js";

/** The project-local binary that scripts/install-mailpit.sh builds or downloads. */
export const LOCAL_MAILPIT_BIN = fromRoot(".tools", "bin", "mailpit");

/** resolveMailpitBin: MAILPIT_BIN, else the project-local binary, else `mailpit` on PATH. */
export function resolveMailpitBin(configured: string | undefined): string {
  if (configured) return configured;
  return fs.existsSync(LOCAL_MAILPIT_BIN) ? LOCAL_MAILPIT_BIN : "mailpit";
}

/** freePort asks the OS for a free TCP port on a host by listening on port 0 and closing. */
export function freePort(host = "127.0.0.1"): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on("error", reject);
    srv.listen(0, host, () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

export interface ManagedMailpitOptions {
  bin: string;
  httpPort: number;
  smtpHost: string;
  smtpPort: number;
  /** A file, or an rqlite URL (`http://host:4001`) for a Mailpit whose messages live in rqlite. */
  databasePath: string;
  log: Logger;
  readyTimeoutMs?: number;
  /** Further Mailpit flags (e.g. `--smtp-relay-config`), after Sandpit's own. */
  extraArgs?: string[];
}

/** ManagedMailpit is a supervised Mailpit child: its URLs stay fixed across restarts. */
export interface ManagedMailpit {
  url: string;
  smtp: { host: string; port: number };
  pid(): number | undefined;
  stop(): Promise<void>;
}

/**
 * startManagedMailpit runs Mailpit as a child process on loopback with the flags Sandpit depends
 * on (mailpit-api.md §6): a persistent --database, --max 0 (retention is Sandpit's job), no
 * compression, no version check, and an open send API that is reachable only from loopback.
 * It resolves once /readyz answers, restarts the child if it dies, and stop() leaves no orphan.
 */
export async function startManagedMailpit(opts: ManagedMailpitOptions): Promise<ManagedMailpit> {
  // A database on rqlite has no file (and no pid file beside it).
  const onFile = !/^https?:\/\//.test(opts.databasePath);
  if (onFile) {
    fs.mkdirSync(fileDir(opts.databasePath), { recursive: true });
    await stopStaleMailpit(opts.databasePath, opts.log);
  }
  if (opts.httpPort) await assertPortFree("127.0.0.1", opts.httpPort, "Mailpit's HTTP port", "MAILPIT_HTTP_PORT");
  if (opts.smtpPort) await assertPortFree(opts.smtpHost, opts.smtpPort, "the SMTP port", "SANDPIT_SMTP_PORT");
  const httpPort = opts.httpPort || (await freePort());
  const smtpPort = opts.smtpPort || (await freePort(opts.smtpHost));
  const pidFile = onFile ? pidFileFor(opts.databasePath) : undefined;
  const url = `http://127.0.0.1:${httpPort}`;
  const args = [
    "--database",
    opts.databasePath,
    "--max",
    "0",
    "--listen",
    `127.0.0.1:${httpPort}`,
    "--smtp",
    `${opts.smtpHost}:${smtpPort}`,
    "--disable-http-compression",
    "--disable-version-check",
    "--send-api-auth-accept-any",
    "--smtp-disable-rdns",
    "--quiet",
    ...(opts.extraArgs ?? []),
  ];
  let child: ChildProcess | undefined;
  let stopping = false;
  let restarts = 0;
  const killOnExit = () => child?.kill("SIGKILL");
  process.once("exit", killOnExit);

  const launch = (): ChildProcess => {
    const c = spawn(opts.bin, args, { stdio: ["ignore", "pipe", "pipe"] });
    if (c.pid && pidFile) fs.writeFileSync(pidFile, `${c.pid}\n`);
    let tail = "";
    const keep = (b: Buffer) => {
      tail = (tail + b.toString()).slice(-2000);
    };
    c.stdout?.on("data", keep);
    c.stderr?.on("data", keep);
    c.on("error", (err) => opts.log.error("cannot run Mailpit", { bin: opts.bin, error: err.message }));
    c.on("exit", (code, signal) => {
      if (stopping || child !== c) return;
      restarts += 1;
      const delay = Math.min(250 * 2 ** Math.min(restarts, 5), 8000);
      opts.log.warn("Mailpit exited; restarting", { code, signal, delay, output: tail.trim().slice(-500) });
      setTimeout(() => {
        if (!stopping) child = launch();
      }, delay).unref();
    });
    return c;
  };

  child = launch();
  const smtpProbe = { host: ["0.0.0.0", "::"].includes(opts.smtpHost) ? "127.0.0.1" : opts.smtpHost, port: smtpPort };
  await waitReady(url, smtpProbe, child, opts.readyTimeoutMs ?? 20_000, opts.bin);
  restarts = 0;
  opts.log.info("managed Mailpit is ready", { url, smtp: `${opts.smtpHost}:${smtpPort}`, pid: child.pid });

  return {
    url,
    smtp: { host: opts.smtpHost, port: smtpPort },
    pid: () => child?.pid,
    async stop() {
      stopping = true;
      process.off("exit", killOnExit);
      const c = child;
      if (!c || c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => c.once("exit", () => resolve()));
      c.kill("SIGTERM");
      const timedOut = await Promise.race([exited.then(() => false), sleep(5000).then(() => true)]);
      if (timedOut) {
        c.kill("SIGKILL");
        await exited;
      }
      if (pidFile) fs.rmSync(pidFile, { force: true });
    },
  };
}

/**
 * waitReady waits for Mailpit's /readyz and then for its SMTP greeting: Mailpit answers HTTP before
 * its SMTP listener binds, and exits when the SMTP port is taken, so HTTP alone is not "ready".
 */
async function waitReady(
  url: string,
  smtp: { host: string; port: number },
  child: ChildProcess,
  timeoutMs: number,
  bin: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let exited = false;
  let spawnError: Error | undefined;
  child.once("exit", () => (exited = true));
  child.once("error", (err) => (spawnError = err));
  while (Date.now() < deadline) {
    if (spawnError) {
      throw new Error(`cannot run Mailpit (${bin}): ${spawnError.message}. Run scripts/install-mailpit.sh or set MAILPIT_BIN.`);
    }
    if (exited) {
      throw new Error(`Mailpit (${bin}) exited before it was ready; is its SMTP port ${smtp.host}:${smtp.port} already in use?`);
    }
    try {
      const res = await fetch(`${url}/readyz`, { signal: AbortSignal.timeout(1000) });
      await res.arrayBuffer();
      if (res.ok && (await smtpGreets(smtp.host, smtp.port, 1000)) && !exited) return;
    } catch {
      // Not listening yet.
    }
    await sleep(100);
  }
  child.kill("SIGKILL");
  throw new Error(`Mailpit did not become ready within ${timeoutMs} ms`);
}

function fileDir(p: string): string {
  const i = p.lastIndexOf("/");
  return i > 0 ? p.slice(0, i) : ".";
}
