import { ConfigError, loadConfig } from "./config.js";
import { startServer } from "./server.js";

/** main is the only place that reads process.env, handles signals and exits. */
async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`sandpit: ${err.message}\n`);
      process.exit(1);
    }
    throw err;
  }
  const server = await startServer(config);
  process.stdout.write(
    `Sandpit is running at ${server.url}; apps deliver and users submit mail over SMTP to ${server.smtp.host}:${server.smtp.port}\n`,
  );
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`sandpit: ${signal}, shutting down\n`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main().catch((err: unknown) => {
  process.stderr.write(`sandpit: failed to start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
