import type { z } from "zod";
import { AppError } from "../../errors.js";
import type { AddressService } from "../../services/addresses.js";
import type { AdminService } from "../../services/admin.js";
import type { AuthService } from "../../services/auth.js";
import type { Config } from "../../config.js";
import type { PasswordReset } from "../../services/password-reset.js";

/** What every CLI command is given and how it reports: options, services, output. */

/** Output is where the CLI writes; tests capture it, main.ts passes the process streams. */
export interface Output {
  stdout(s: string): void;
  stderr(s: string): void;
}

export const OPTIONS = {
  name: { type: "string" },
  admin: { type: "boolean" },
  password: { type: "string" },
  token: { type: "boolean" },
  off: { type: "boolean" },
  "expires-days": { type: "string" },
  user: { type: "string" },
  address: { type: "string" },
  domain: { type: "string" },
  all: { type: "boolean" },
  json: { type: "boolean" },
  help: { type: "boolean", short: "h" },
} as const;

export type Opts = { [K in keyof typeof OPTIONS]?: (typeof OPTIONS)[K]["type"] extends "string" ? string : boolean };

export interface Ctx {
  arg: string | undefined;
  opts: Opts;
  auth: AuthService;
  admin: AdminService;
  addresses: AddressService;
  resets: PasswordReset;
  config: Config;
  out: Output;
}

/** A command names its positional argument (`arg`) or takes none; `optionalArg` lets it decide. */
export interface Command {
  arg?: string;
  optionalArg?: boolean;
  run(ctx: Ctx): Promise<void> | void;
}

/** UsageError is a command line we cannot act on: exit code 2, with the usage text. */
export class UsageError extends Error {}

/** Zod paths as the user typed them, so a rejected value names its flag. */
const FLAG: Record<string, string> = { name: "--name", password: "--password", expiresInDays: "--expires-days" };

export function print(out: Output, opts: Opts, json: unknown, text: string): void {
  out.stdout(opts.json ? `${JSON.stringify(json, null, 2)}\n` : text);
}

/** parse checks CLI values with the service's own input schema, naming flags in the message. */
export function parse<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const message = r.error.issues
    .map((i) => `${i.path.length ? `${i.path.map((p) => FLAG[String(p)] ?? String(p)).join(".")}: ` : ""}${i.message}`)
    .join("; ");
  throw new AppError("BAD_REQUEST", message, r.error.issues);
}
