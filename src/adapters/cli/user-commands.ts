import { CLI_OPERATOR } from "./operator.js";
import { AddressInputSchema, DomainInputSchema } from "../../services/addresses.js";
import { RegisterInputSchema } from "../../services/auth.js";
import { formatTable } from "./table.js";
import { parse, print, UsageError, type Command } from "./command.js";

/** The `users` commands: create users, list them, make admins, give addresses and catch-all domains. */
export const USER_COMMANDS: Record<string, Command> = {
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
      const { users } = await admin.listUsers(CLI_OPERATOR, { kind: "all", start: 0, limit: 500 });
      const rows = users.map((u) => [String(u.id), u.email, u.name, u.isAdmin ? "yes" : "", u.createdAt]);
      print(out, opts, users, formatTable(["id", "email", "name", "admin", "created"], rows));
    },
  },
  "users set-admin": {
    arg: "an email address",
    async run({ arg, opts, admin, out }) {
      const found = await admin.findUser(CLI_OPERATOR, arg!.trim());
      const user = await admin.updateUser(CLI_OPERATOR, found.id, { isAdmin: opts.off !== true });
      out.stdout(`${user.email} is ${opts.off ? "no longer" : "now"} an admin\n`);
    },
  },
  "users disable": {
    arg: "an email address",
    async run({ arg, admin, out }) {
      const found = await admin.findUser(CLI_OPERATOR, arg!.trim());
      await admin.updateUser(CLI_OPERATOR, found.id, { disabled: true });
      out.stdout(`${found.email} is disabled: its tokens and password no longer work\n`);
    },
  },
  "users enable": {
    arg: "an email address",
    async run({ arg, admin, out }) {
      const found = await admin.findUser(CLI_OPERATOR, arg!.trim());
      await admin.updateUser(CLI_OPERATOR, found.id, { disabled: false });
      out.stdout(`${found.email} is enabled again\n`);
    },
  },
  "users reset-link": {
    arg: "an email address",
    async run({ arg, opts, admin, resets, config, out }) {
      const found = await admin.findUser(CLI_OPERATOR, arg!.trim());
      const base = config.accounts.relay.publicUrl ?? `http://${config.http.host}:${config.http.port}`;
      const link = await resets.createLink(undefined, found.id, base);
      print(out, opts, link, `${link.url}\n(expires ${link.expiresAt}; it works once)\n`);
    },
  },
  "users add-address": {
    arg: "an email address",
    async run({ arg, opts, addresses, out }) {
      if (!opts.address) throw new UsageError("users add-address needs --address");
      const added = await addresses.add(CLI_OPERATOR, parse(AddressInputSchema, { address: opts.address, user: arg }));
      out.stdout(`${added.address} is now an address of ${arg}\n`);
    },
  },
  "users remove-address": {
    arg: "an email address",
    async run({ arg, opts, addresses, out }) {
      if (!opts.address) throw new UsageError("users remove-address needs --address");
      await addresses.remove(CLI_OPERATOR, opts.address, arg);
      out.stdout(`${opts.address} is no longer an address of ${arg}\n`);
    },
  },
  "users add-domain": {
    arg: "an email address",
    async run({ arg, opts, addresses, out }) {
      if (!opts.domain) throw new UsageError("users add-domain needs --domain");
      const given = await addresses.addDomain(CLI_OPERATOR, parse(DomainInputSchema, { domain: opts.domain, user: arg }));
      out.stdout(`mail to any address at ${given.domain} now reaches ${given.user}\n`);
    },
  },
  "users remove-domain": {
    arg: "a domain",
    async run({ arg, addresses, out }) {
      await addresses.removeDomain(CLI_OPERATOR, arg!);
      out.stdout(`${arg} is no longer anyone's catch-all domain\n`);
    },
  },
};
