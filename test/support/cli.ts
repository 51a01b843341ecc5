import { runCli } from "../../src/adapters/cli/commands.js";
import type { Stack } from "./stack.js";
import { storeEnv } from "./test-store.js";

export type CliResult = { code: number; stdout: string; stderr: string };

/** cliOf runs the CLI in-process against a running stack's database, capturing its output. */
export function cliOf(stack: Stack): (...argv: string[]) => Promise<CliResult> {
  return async (...argv) => {
    let stdout = "";
    let stderr = "";
    // The operator runs the CLI with the server's own settings (its auth mode among them).
    const env = {
      SANDPIT_DATA_DIR: stack.app.dataDir,
      MAILPIT_URL: stack.mp.apiUrl,
      SANDPIT_AUTH_MODE: stack.app.server.deps.config.auth.mode,
      ...(await storeEnv(stack.app.dataDir)),
    };
    const code = await runCli(argv, env, { stdout: (s) => (stdout += s), stderr: (s) => (stderr += s) });
    return { code, stdout, stderr };
  };
}
