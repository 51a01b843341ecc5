import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { loadConfig } from "../../src/config.js";
import { createLogger } from "../../src/lib/log.js";
import { startServer, type RunningServer } from "../../src/server.js";
import type { TestMailpit } from "./mailpit.js";
import { storeEnv } from "./test-store.js";

/** TestApp is a real Sandpit server on a random port in front of a test Mailpit. */
export interface TestApp {
  url: string;
  server: RunningServer;
  dataDir: string;
  stop(): Promise<void>;
}

/**
 * startApp starts Sandpit against `mailpit` with a fresh data folder (or `dataDir`, to restart on
 * the same database). `env` overrides any setting.
 */
export async function startApp(
  mailpit: TestMailpit,
  env: Record<string, string> = {},
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "sandpit-app-")),
): Promise<TestApp> {
  const config = loadConfig({
    ...(await storeEnv(dataDir)),
    SANDPIT_PORT: "0",
    SANDPIT_SMTP_PORT: "0",
    SANDPIT_IMAP_PORT: "0",
    SANDPIT_POP3_PORT: "0",
    SANDPIT_DATA_DIR: dataDir,
    MAILPIT_URL: mailpit.apiUrl,
    MAILPIT_SMTP: `127.0.0.1:${mailpit.smtpPort}`,
    SANDPIT_RECONCILE_SECONDS: "2",
    SANDPIT_LOG: "silent",
    ...env,
  });
  const server = await startServer(config, { log: createLogger(process.env.TEST_LOG ? "debug" : "silent") });
  await waitFor(async () => (await fetch(`${server.url}/readyz`)).ok, "Sandpit /readyz");
  return { url: server.url, server, dataDir, stop: () => server.close() };
}

/** waitFor polls a condition until it holds, failing after `timeoutMs` (never a bare sleep). */
export async function waitFor<T>(
  check: () => Promise<T | false | undefined | null> | T | false | undefined | null,
  what: string,
  timeoutMs = 10_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await check();
      if (v) return v;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}${lastError ? `: ${String(lastError)}` : ""}`);
}
