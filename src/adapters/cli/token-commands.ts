import { CLI_OPERATOR } from "./operator.js";
import { CreateTokenInputSchema } from "../../services/auth.js";
import { formatTable } from "./table.js";
import { parse, print, UsageError, type Command } from "./command.js";

/** The `tokens` commands: issue, list and revoke tokens. */
export const TOKEN_COMMANDS: Record<string, Command> = {
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
      const tokens = await admin.listTokens(CLI_OPERATOR, arg!.trim());
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
        const n = await admin.revokeAllTokens(CLI_OPERATOR, opts.user.trim());
        out.stdout(`revoked ${n} token(s) of ${opts.user}\n`);
        return;
      }
      if (opts.all) throw new UsageError("--all needs --user <email>");
      if (arg === undefined) throw new UsageError("tokens revoke needs a token id, or --user <email> --all");
      // An admin tool: any user's token.
      const token = await admin.revokeToken(CLI_OPERATOR, arg);
      out.stdout(`revoked token ${token.id}\n`);
    },
  },
};
