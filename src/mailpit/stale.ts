import { execFileSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import type { Logger } from "../lib/log.js";

/**
 * A managed Mailpit outlives a Sandpit that is killed with SIGKILL (nothing runs to stop it), and
 * keeps the SMTP port. Its pid is recorded beside its database, so the next start finds and stops
 * it, and a port held by anything else is a clear start-up error instead of a restart loop.
 */

/** pidFileFor is where the managed Mailpit's pid is kept: beside its database. */
export function pidFileFor(databasePath: string): string {
  return `${databasePath}.pid`;
}

/** commandLine reads a process's arguments, or undefined when it is gone. */
function commandLine(pid: number): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ");
  } catch {
    try {
      return execFileSync("ps", ["-o", "args=", "-p", String(pid)], { encoding: "utf8" }).trim() || undefined;
    } catch {
      return undefined;
    }
  }
}

/**
 * stopStaleMailpit stops the Mailpit a previous run left behind on the same database, if its pid
 * file names a live process whose command line is that Mailpit's (never an unrelated process that
 * reused the pid).
 */
export async function stopStaleMailpit(databasePath: string, log: Logger): Promise<void> {
  const file = pidFileFor(databasePath);
  let pid: number;
  try {
    pid = Number(fs.readFileSync(file, "utf8").trim());
  } catch {
    return;
  }
  const cmd = Number.isInteger(pid) && pid > 0 ? commandLine(pid) : undefined;
  if (cmd?.includes("--database") && cmd.includes(databasePath)) {
    log.warn("stopping a managed Mailpit that a previous Sandpit left running", { pid });
    signal(pid, "SIGTERM");
    for (let i = 0; i < 50 && commandLine(pid) !== undefined; i++) await sleep(100);
    if (commandLine(pid) !== undefined) signal(pid, "SIGKILL");
    for (let i = 0; i < 50 && commandLine(pid) !== undefined; i++) await sleep(100);
  }
  fs.rmSync(file, { force: true });
}

function signal(pid: number, sig: NodeJS.Signals): void {
  try {
    process.kill(pid, sig);
  } catch {
    // Already gone.
  }
}

/** assertPortFree fails with a clear message when something already listens on host:port. */
export async function assertPortFree(host: string, port: number, what: string, setting: string): Promise<void> {
  const err = await new Promise<NodeJS.ErrnoException | undefined>((resolve) => {
    const srv = net.createServer();
    srv.once("error", (e) => resolve(e));
    srv.listen(port, host, () => srv.close(() => resolve(undefined)));
  });
  if (err?.code === "EADDRINUSE") {
    throw new Error(`${what} ${host}:${port} is already in use by another program; stop it or choose another port with ${setting}`);
  }
  if (err) throw new Error(`cannot use ${what} ${host}:${port}: ${err.message}`);
}

/** smtpGreets resolves once host:port answers with an SMTP 220 greeting, false after `timeoutMs`. */
export function smtpGreets(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once("error", () => done(false));
    let got = "";
    socket.on("data", (b) => {
      got += b.toString("latin1");
      if (got.includes("\n")) done(got.startsWith("220"));
    });
  });
}
