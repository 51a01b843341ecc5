import { runCli } from "./commands.js";

/** The `sandpit` command line (npm run sandpit -- …): the only CLI file touching process. */
runCli(process.argv.slice(2), process.env, {
  stdout: (s) => process.stdout.write(s),
  stderr: (s) => process.stderr.write(s),
}).then(
  // exitCode rather than exit(): the process ends once stdout has drained, so piped output
  // (users list --json into a file or `$(…)`) is never cut short.
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
