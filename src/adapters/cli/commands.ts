import { parseArgs } from "node:util";
import type { z } from "zod";
import { ConfigError, loadConfig } from "../../config.js";
import { AppError } from "../../errors.js";
import { createAdminService, type AdminService } from "../../services/admin.js";
import { createAuthService, CreateTokenInputSchema, RegisterInputSchema, type AuthService } from "../../services/auth.js";
import { openStore } from "../../store/index.js";
import type { Store } from "../../store/ports.js";
import { formatTable } from "./table.js";

/** Output is where the CLI writes; tests capture it, main.ts passes the process streams. */
export interface Output {
  stdout(s: string): void;
  stderr(s: string): void;
}

export const USAGE = `usage: sandpit <command> [options]

  users add <email> [--name N] [--admin] [--password P] [--token]
  users list
  users set-admin <email> [--off]
  tokens issue <email> [--name N] [--expires-days D]   prints only the token on stdout
  tokens list <email>
  tokens revoke <token-id>
  tokens revoke --user <email> --all

  --json   machine-readable output (users add, users list, tokens list)

Works on the database in SANDPIT_DATA_DIR (default ./data), whether or not Sandpit is running.
Exit codes: 0 done, 1 refused (e.g. the address is taken), 2 usage error.
`;

const OPTIONS = {
  name: { type: "string" },
  admin: { type: "boolean" },
  password: { type: "string" },
  token: { type: "boolean" },
  off: { type: "boolean" },
  "expires-days": { type: "string" },
  user: { type: "string" },
  all: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

type Opts = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean };

interface Ctx {
  arg: string | undefined;
  opts: Opts;
  auth: AuthService;
  admin: AdminService;
  out: Output;
}

/** A command names its positional argument (`arg`) or takes none; `optionalArg` lets it decide. */
interface Command {
  arg?: string;
  optionalArg?: boolean;
  run(ctx: Ctx): Promise<void> | void;
}

/** UsageError is a command line we cannot act on: exit code 2, with the usage text. */
class UsageError extends Error {}

/** Zod paths as the user typed them, so a rejected value names its flag. */
const FLAG: Record<string, string> = { name: "--name", password: "--password", expiresInDays: "--expires-days" };

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
  try {
    const config = loadConfig(env);
    store = await openStore(config);
    const auth = createAuthService({ store, config });
    await command.run({ arg, opts, auth, admin: createAdminService({ store }), out });
    return 0;
  } catch (err) {
    if (err instanceof UsageError) return usage(out, err.message);
    if (err instanceof AppError || err instanceof ConfigError) {
      out.stderr(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    await store?.close();
  }
}

function usage(out: Output, message: string): number {
  out.stderr(`error: ${message}\n\n${USAGE}`);
  return 2;
}

const COMMANDS: Record<string, Command> = {
  "users add": {
    arg: "an email address",
    async run({ arg, opts, auth, out }) {
      const input = parse(RegisterInputSchema, { email: arg, name: opts.name, password: opts.password });
      const user = await auth.createUser({ ...input, isAdmin: opts.admin === true });
      const token = opts.token ? (await auth.issueFor(user.email, "cli", undefined)).token : undefined;
      const text = `created user ${user.id} ${user.email}${user.isAdmin ? " (admin)" : ""}\n` + (token ? `token: ${token}\n` : "");
      print(out, opts, { user, ...(token ? { token } : {}) }, text);
    },
  },
  "users list": {
    async run({ opts, admin, out }) {
      const users = await admin.listUsers();
      const rows = users.map((u) => [String(u.id), u.email, u.name, u.isAdmin ? "yes" : "", u.createdAt]);
      print(out, opts, users, formatTable(["id", "email", "name", "admin", "created"], rows));
    },
  },
  "users set-admin": {
    arg: "an email address",
    async run({ arg, opts, admin, out }) {
      const user = await admin.setAdmin(arg!.trim(), opts.off !== true);
      out.stdout(`${user.email} is ${opts.off ? "no longer" : "now"} an admin\n`);
    },
  },
  "tokens issue": {
    arg: "an email address",
    async run({ arg, opts, auth, out }) {
      const raw = opts["expires-days"];
      const days = raw === undefined ? undefined : Number(raw);
      if (days !== undefined && (raw!.trim() === "" || !Number.isInteger(days))) {
        throw new UsageError("--expires-days must be a whole number of days");
      }
      const input = parse(CreateTokenInputSchema, { name: opts.name ?? "cli", expiresInDays: days });
      const { token, info } = await auth.issueFor(arg!, input.name, input.expiresInDays);
      // Only the token goes to stdout, so TOKEN=$(npm run -s sandpit -- tokens issue …) works.
      out.stderr(`issued token ${info.id} (${info.name})${info.expiresAt ? `, expires ${info.expiresAt}` : ""}\n`);
      out.stdout(`${token}\n`);
    },
  },
  "tokens list": {
    arg: "an email address",
    async run({ arg, opts, admin, out }) {
      const tokens = await admin.listTokens(arg!.trim());
      const rows = tokens.map((t) => [t.id, t.kind, t.name, t.createdAt, t.lastUsedAt ?? "", t.expiresAt ?? ""]);
      print(out, opts, tokens, formatTable(["id", "kind", "name", "created", "last used", "expires"], rows));
    },
  },
  "tokens revoke": {
    arg: "a token id, or --user <email> --all",
    optionalArg: true,
    async run({ arg, opts, admin, out }) {
      if (opts.user !== undefined) {
        if (arg !== undefined) throw new UsageError("give a token id or --user <email> --all, not both");
        if (opts.all !== true) throw new UsageError("tokens revoke --user needs --all");
        const n = await admin.revokeAllTokens(opts.user.trim());
        out.stdout(`revoked ${n} token(s) of ${opts.user}\n`);
        return;
      }
      if (opts.all) throw new UsageError("--all needs --user <email>");
      if (arg === undefined) throw new UsageError("tokens revoke needs a token id, or --user <email> --all");
      // An admin tool: any user's token.
      const token = await admin.revokeToken(arg);
      out.stdout(`revoked token ${token.id}\n`);
    },
  },
};

function print(out: Output, opts: Opts, json: unknown, text: string): void {
  out.stdout(opts.json ? `${JSON.stringify(json, null, 2)}\n` : text);
}

/** parse checks CLI values with the service's own input schema, naming flags in the message. */
function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const message = r.error.issues
    .map((i) => `${i.path.length ? `${i.path.map((p) => FLAG[String(p)] ?? String(p)).join(".")}: ` : ""}${i.message}`)
    .join("; ");
  throw new AppError("BAD_REQUEST", message, r.error.issues);
}
