import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createLogger } from "../../src/lib/log.js";
import { resolveMailpitBin, startManagedMailpit } from "../../src/mailpit/supervisor.js";

/** TestMailpit is a real, pinned Mailpit on free loopback ports with its own database. */
export interface TestMailpit {
  apiUrl: string;
  smtpPort: number;
  dir: string;
  pid(): number | undefined;
  stop(): Promise<void>;
}

/**
 * startMailpit spawns the project's pinned Mailpit (scripts/install-mailpit.sh) on random ports,
 * or on the ports and folder of an earlier one, to restart it on the same database.
 */
export async function startMailpit(
  again?: { dir: string; apiUrl: string; smtpPort: number },
  extraArgs: string[] = [],
  /** An rqlite URL, to keep the messages in rqlite instead of a file. */
  database?: string,
): Promise<TestMailpit> {
  const base = again?.dir ?? fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-mailpit-"));
  const mp = await startManagedMailpit({
    bin: resolveMailpitBin(process.env.MAILPIT_BIN),
    httpPort: again ? Number(new URL(again.apiUrl).port) : 0,
    smtpHost: "127.0.0.1",
    smtpPort: again?.smtpPort ?? 0,
    databasePath: database ?? path.join(base, "mailpit.db"),
    log: createLogger("silent"),
    extraArgs,
  });
  return { apiUrl: mp.url, smtpPort: mp.smtp.port, dir: base, pid: mp.pid, stop: mp.stop };
}

/** clearMailpit empties Mailpit directly (test set-up only: the delete-all of an empty ID list). */
export async function clearMailpit(mp: TestMailpit): Promise<void> {
  const res = await fetch(`${mp.apiUrl}/api/v1/messages`, { method: "DELETE" });
  await res.arrayBuffer();
  if (!res.ok) throw new Error(`could not clear Mailpit: ${res.status}`);
}

/** mailpitIds lists every ID Mailpit holds (to check what really exists upstream). */
export async function mailpitIds(mp: TestMailpit): Promise<string[]> {
  const res = await fetch(`${mp.apiUrl}/api/v1/messages?limit=0`);
  const body = (await res.json()) as { messages: { ID: string }[] };
  return body.messages.map((m) => m.ID);
}
