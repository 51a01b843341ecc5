import { parseArgs } from "node:util";
import { ConfigError, loadConfig } from "../../config.js";
import { AppError } from "../../errors.js";
import { createBus, type EventBus } from "../../events/bus.js";
import { createLogger } from "../../lib/log.js";
import { createAccountServices } from "../../services/accounts-root.js";
import { createMailboxEventsService } from "../../services/mailbox-events.js";
import { openStore } from "../../store/index.js";
import type { Store } from "../../store/ports.js";
import { OPTIONS, UsageError, type Command, type Opts, type Output } from "./command.js";
import { TOKEN_COMMANDS } from "./token-commands.js";
import { USER_COMMANDS } from "./user-commands.js";

export type { Output };

export const USAGE = `usage: sandpit <command> [options]

  users add <email> [--name N] [--admin] [--password P] [--token]
  users list
  users set-admin <email> [--off]
  users disable <email>                       every token and password of the account stops working
  users enable <email>
  users reset-link <email>                    a one-time password-reset link (password mode, 1 hour)
  users add-address <email> --address A       a further address (mail already sent to it included)
  users remove-address <email> --address A
  users add-domain <email> --domain D         a catch-all domain (*@D); an exact address wins over it
  users remove-domain <domain>
  tokens issue <email> [--name N] [--expires-days D]   prints only the token on stdout
  tokens list <email>
  tokens revoke <token-id>
  tokens revoke --user <email> --all

  --json   machine-readable output (users add, users list, tokens list)

Works on the database in SANDPIT_DATA_DIR (default ./data), whether or not Sandpit is running.
Exit codes: 0 done, 1 refused (e.g. the address is taken), 2 usage error.
`;

const COMMANDS: Record<string, Command> = { ...USER_COMMANDS, ...TOKEN_COMMANDS };

/**
 * runCli provisions users and tokens without HTTP, for CI set-ups and admins. It never touches
 * `process`: main.ts passes argv, the environment and the output streams.
 *
 * @param argv - the arguments after the script name
 * @param env - the environment, read with loadConfig like the server does
 * @param out - where to write; only the result goes to stdout, notes go to stderr
 * @returns the exit code: 0 done, 1 refused (an AppError or bad configuration), 2 usage error
 * @example
 * const code = await runCli(["tokens", "issue", "ci@example.test"], process.env, { stdout, stderr });
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, out: Output): Promise<number> {
  let opts: Opts, positionals: string[];
  try {
    ({ values: opts, positionals } = parseArgs({ args: argv, allowPositionals: true, options: OPTIONS }));
  } catch (err) {
    return usage(out, (err as Error).message);
  }
  const [group, action, arg, ...extra] = positionals;
  if (opts.help || group === undefined || group === "help") {
    out.stdout(USAGE);
    return 0;
  }
  const command = COMMANDS[`${group} ${action ?? ""}`];
  if (!command) {
    const known = Object.keys(COMMANDS).some((k) => k.startsWith(`${group} `));
    const name = [group, action].filter(Boolean).join(" ");
    return usage(out, known && action === undefined ? `${group} needs a subcommand` : `unknown command: ${name}`);
  }
  if (arg === undefined && command.arg && !command.optionalArg) return usage(out, `${group} ${action} needs ${command.arg}`);
  const unexpected = command.arg ? extra : positionals.slice(2);
  if (unexpected.length > 0) return usage(out, `unexpected argument: ${unexpected[0]}`);

  let store: Store | undefined;
  let bus: EventBus | undefined;
  try {
    const config = loadConfig(env);
    store = await openStore(config);
    bus = await createBus(store.signals);
    const log = createLogger("warn");
    const accounts = createAccountServices({ store, config, log, events: createMailboxEventsService({ bus }), mailer: undefined });
    const { auth, admin, addresses, resets } = accounts;
    await command.run({ arg, opts, auth, admin, addresses, resets, config, out });
    return 0;
  } catch (err) {
    if (err instanceof UsageError) return usage(out, err.message);
    if (err instanceof AppError || err instanceof ConfigError) {
      out.stderr(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await bus?.close();
    await store?.close();
  }
}

function usage(out: Output, message: string): number {
  out.stderr(`error: ${message}\n\n${USAGE}`);
  return 2;
}
