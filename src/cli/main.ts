import { ConfigError } from "../config.js";
import { runCli } from "./commands.js";

/** The `sandpit` command line (npm run sandpit -- …): the only CLI file touching process. */
runCli(process.argv.slice(2), process.env, {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof ConfigError || err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
