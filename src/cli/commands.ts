import { parseArgs } from "node:util";
import { loadConfig } from "../config.js";
import { openDb, type Db } from "../db/client.js";
import { runMigrations } from "../db/migrate.js";
import { deleteToken, deleteTokensOfUser, findToken, listTokens } from "../db/repos/tokens.js";
import { setAdmin } from "../db/repos/users.js";
import { AppError } from "../errors.js";
import { EmailSchema } from "../lib/addresses.js";
import { createAuthService, publicUser, type AuthService } from "../services/auth.js";

/** Output is where the CLI writes; tests capture it, main.ts passes process streams. */
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
`;

class UsageError extends Error {}

/**
 * runCli provisions users and tokens without HTTP, for CI set-ups and admins. It returns the exit
 * code: 0 ok, 1 a refused operation (e.g. the address is taken), 2 a usage error.
 */
export async function runCli(argv: string[], env: Record<string, string | undefined>, out: Output): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
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
      },
    });
  } catch (err) {
    out.stderr(`error: ${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values: opts, positionals: [group, action, arg] } = parsed;
  if (opts.help || !group || group === "help") {
    out.stdout(USAGE);
    return 0;
  }
  const config = loadConfig(env);
  const db = openDb(config.db.path);
  try {
    runMigrations(db);
    const auth = createAuthService({ db, config });
    await dispatch({ group, action, arg, opts, auth, db, out });
    return 0;
  } catch (err) {
    if (err instanceof UsageError) {
      out.stderr(`error: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AppError) {
      out.stderr(`error: ${err.message}\n`);
      return 1;
    }
    throw err;
  } finally {
    db.$client.close();
  }
}

interface Ctx {
  group: string;
  action: string | undefined;
  arg: string | undefined;
  opts: Record<string, string | boolean | undefined>;
  auth: AuthService;
  db: Db;
  out: Output;
}

async function dispatch({ group, action, arg, opts, auth, db, out }: Ctx): Promise<void> {
  const need = (what: string) => {
    if (!arg) throw new UsageError(`${group} ${action} needs ${what}`);
    return arg;
  };
  const userOf = (email: string) => {
    const u = auth.findUser(email);
    if (!u) throw new AppError("NOT_FOUND", `no user with address ${email}`);
    return u;
  };
  const print = (json: unknown, text: string) => out.stdout(opts.json ? `${JSON.stringify(json, null, 2)}\n` : text);

  switch (`${group} ${action ?? ""}`) {
    case "users add": {
      const parsedEmail = EmailSchema.safeParse(need("an email address"));
      if (!parsedEmail.success) throw new AppError("BAD_REQUEST", `not an email address: ${arg}`);
      const email = parsedEmail.data;
      const user = publicUser(
        await auth.createUser({
          email,
          name: typeof opts.name === "string" ? opts.name : undefined,
          password: typeof opts.password === "string" ? opts.password : undefined,
          isAdmin: opts.admin === true,
        }),
      );
      const token = opts.token ? auth.issueFor(email, "cli", undefined).token : undefined;
      print({ user, ...(token ? { token } : {}) }, `created user ${user.id} ${user.email}${user.isAdmin ? " (admin)" : ""}\n${token ? `token: ${token}\n` : ""}`);
      return;
    }
    case "users list": {
      const users = auth.listUsers();
      print(users, table(["id", "email", "name", "admin", "created"], users.map((u) => [String(u.id), u.email, u.name, u.isAdmin ? "yes" : "", u.createdAt])));
      return;
    }
    case "users set-admin": {
      const u = userOf(need("an email address"));
      setAdmin(db, u.id, opts.off !== true);
      out.stdout(`${u.email} is ${opts.off ? "no longer" : "now"} an admin\n`);
      return;
    }
    case "tokens issue": {
      const days = opts["expires-days"] === undefined ? undefined : Number(opts["expires-days"]);
      if (days !== undefined && (!Number.isInteger(days) || days < 1)) throw new UsageError("--expires-days must be a whole number of days");
      const { token, info } = auth.issueFor(need("an email address"), typeof opts.name === "string" ? opts.name : "cli", days);
      out.stderr(`issued token ${info.id} (${info.name})${info.expiresAt ? `, expires ${info.expiresAt}` : ""}\n`);
      out.stdout(`${token}\n`);
      return;
    }
    case "tokens list": {
      const u = userOf(need("an email address"));
      const tokens = listTokens(db, u.id).map((t) => ({
        id: t.id,
        kind: t.kind,
        name: t.name,
        createdAt: new Date(t.createdAt).toISOString(),
        lastUsedAt: t.lastUsedAt ? new Date(t.lastUsedAt).toISOString() : null,
        expiresAt: t.expiresAt ? new Date(t.expiresAt).toISOString() : null,
      }));
      print(tokens, table(["id", "kind", "name", "created", "last used", "expires"], tokens.map((t) => [t.id, t.kind, t.name, t.createdAt, t.lastUsedAt ?? "", t.expiresAt ?? ""])));
      return;
    }
    case "tokens revoke": {
      if (typeof opts.user === "string") {
        if (opts.all !== true) throw new UsageError("tokens revoke --user needs --all");
        const n = deleteTokensOfUser(db, userOf(opts.user).id);
        out.stdout(`revoked ${n} token(s) of ${opts.user}\n`);
        return;
      }
      const row = findToken(db, need("a token id or --user <email> --all"));
      if (!row || !deleteToken(db, row.userId, row.id)) throw new AppError("NOT_FOUND", `no token with id ${arg}`);
      out.stdout(`revoked token ${row.id}\n`);
      return;
    }
    default:
      throw new UsageError(`unknown command: ${[group, action].filter(Boolean).join(" ")}`);
  }
}

function table(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}
