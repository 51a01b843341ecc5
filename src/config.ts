import path from "node:path";
import { z } from "zod";
import { accountConfig, AccountEnvShape, type AccountConfig } from "./config-accounts.js";

/** ConfigError lists every bad setting at once, so start-up fails with one readable message. */
export class ConfigError extends Error {
  constructor(public readonly issues: string[]) {
    super(`invalid configuration:\n${issues.map((i) => `  - ${i}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

const port = z.coerce.number().int().min(0).max(65535);
const hostPort = z.string().regex(/^[^\s:]+:\d{1,5}$/, "must be host:port, e.g. mailpit:1025");

/** The raw environment, as Sandpit reads it. Variable names appear only here and in README. */
const EnvSchema = z.object({
  SANDPIT_HOST: z.string().min(1).default("127.0.0.1"),
  SANDPIT_PORT: port.default(8025),
  SANDPIT_SMTP_HOST: z.string().min(1).default("127.0.0.1"),
  SANDPIT_SMTP_PORT: port.default(1025),
  SANDPIT_IMAP_HOST: z.string().min(1).default("127.0.0.1"),
  SANDPIT_IMAP_PORT: port.default(1143),
  SANDPIT_IMAPS_PORT: port.optional(),
  SANDPIT_POP3_HOST: z.string().min(1).default("127.0.0.1"),
  SANDPIT_POP3_PORT: port.default(1110),
  SANDPIT_POP3S_PORT: port.optional(),
  SANDPIT_SMTP_AUTH: z.enum(["optional", "required"]).default("optional"),
  SANDPIT_SMTP_TRUST_FROM: z.stringbool().default(false),
  SANDPIT_PLUS_ADDRESSING: z.stringbool().default(true),
  SANDPIT_SMTP_REQUIRE_TLS: z.stringbool().default(false),
  SANDPIT_SMTP_MAX_RECIPIENTS: z.coerce.number().int().min(1).max(100_000).default(1000),
  SANDPIT_SMTP_MAX_CLIENTS: z.coerce.number().int().min(1).max(100_000).default(200),
  SANDPIT_SMTP_MESSAGES_PER_MINUTE: z.coerce.number().int().min(1).max(10_000_000).default(6000),
  SANDPIT_SMTP_CHAOS: z.stringbool().default(true),
  SANDPIT_TLS_CERT: z.string().min(1).optional(),
  SANDPIT_TLS_KEY: z.string().min(1).optional(),
  SANDPIT_DATA_DIR: z.string().min(1).default("./data"),
  SANDPIT_AUTH_MODE: z.enum(["open", "password"]).default("open"),
  SANDPIT_REGISTRATION: z.enum(["open", "closed"]).default("open"),
  SANDPIT_SESSION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: z.coerce.number().int().min(1).max(1_000_000).default(10),
  SANDPIT_LOGIN_FAILURES_PER_CLIENT: z.coerce.number().int().min(1).max(1_000_000).default(50),
  SANDPIT_LOGIN_LOCKOUT_SECONDS: z.coerce.number().int().min(1).max(86_400).default(900),
  SANDPIT_RECONCILE_SECONDS: z.coerce.number().min(0.2).max(86400).default(30),
  SANDPIT_LEADER_RETRY_SECONDS: z.coerce.number().min(0.2).max(3600).default(5),
  SANDPIT_MAX_MESSAGE_MB: z.coerce.number().int().min(1).max(1024).default(25),
  SANDPIT_LOG: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  SANDPIT_TRUST_PROXY: z.stringbool().default(false),
  SANDPIT_ALLOWED_HOSTS: z.string().default(""),
  SANDPIT_DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/, error: "must be a postgres:// URL" }).optional(),
  MAILPIT_URL: z.url({ protocol: /^https?$/ }).optional(),
  MAILPIT_SMTP: hostPort.optional(),
  MAILPIT_BIN: z.string().min(1).optional(),
  MAILPIT_HTTP_PORT: port.default(0),
  MAILPIT_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(10_000),
  ...AccountEnvShape,
});

export type AuthMode = "open" | "password";

/** Config is the nested, typed form of the environment that the rest of Sandpit receives. */
/** A mail-client door (IMAP, POP3): plain with STARTTLS on `port`, and implicit TLS on `tlsPort` when set. */
export interface MailDoor {
  host: string;
  port: number;
  tlsPort: number | undefined;
}

export interface Config {
  http: { host: string; port: number; trustProxy: boolean; maxMessageBytes: number; allowedHosts: string[] };
  /** Sandpit's own SMTP server, the only SMTP door (DESIGN §1). */
  /** Sandpit's IMAP server: every user's private mailbox for mail clients (DESIGN §1). */
  imap: MailDoor;
  /** Sandpit's POP3 server: every user's Inbox for mail clients that only download. */
  pop3: MailDoor;
  smtp: {
    host: string;
    port: number;
    /** optional: apps deliver without AUTH, users may AUTH; required: 530 without AUTH. */
    auth: "optional" | "required";
    /** Whether an unauthenticated message's From header makes its addresses owners (as sender). */
    trustFrom: boolean;
    /** Whether AUTH is refused until STARTTLS. */
    requireTls: boolean;
    maxRecipients: number;
    maxClients: number;
    /** Messages one authenticated user (or one unauthenticated client address) may send per minute. */
    messagesPerMinute: number;
    /** Whether users may set up SMTP fault injection for their own mail (an operator may forbid it). */
    chaos: boolean;
    /** PEM files for STARTTLS; unset: a self-signed pair generated once in the data folder. */
    tls: { cert: string; key: string } | undefined;
  };
  dataDir: string;
  /** SQLite in the data folder (the default), or PostgreSQL for several replicas. */
  db: { kind: "sqlite"; path: string } | { kind: "postgres"; url: string };
  auth: {
    mode: AuthMode;
    registration: "open" | "closed";
    sessionDays: number;
    /** Failed password logins per account and per client within a window, then locked for one. */
    login: { perAccount: number; perClient: number; windowSeconds: number };
    /** Whether `alice+anything@d` is alice@d's (DESIGN §4). */
    plusAddressing: boolean;
  };
  /** Sessions, rate limits, audit, reset mail, throwaway inboxes, two-factor (config-accounts.ts). */
  accounts: AccountConfig;
  /** reconcileMs: the poller's timer; leaderRetryMs: how often a replica tries for the poller's lease. */
  indexer: { reconcileMs: number; leaderRetryMs: number };
  log: "debug" | "info" | "warn" | "error" | "silent";
  mailpit:
    | { kind: "external"; url: string; smtp: string | undefined; timeoutMs: number }
    | {
        kind: "managed";
        bin: string | undefined;
        httpPort: number;
        databasePath: string;
        timeoutMs: number;
      };
}

/**
 * loadConfig parses an environment (normally process.env) into Config. It is pure: it throws
 * ConfigError naming every bad variable instead of exiting.
 */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const raw = pickDefined(env);
  const parsed = EnvSchema.safeParse(raw);
  // Checked on the raw values so it is reported together with any other bad variable.
  const pairing = [
    ...(raw.MAILPIT_SMTP && !raw.MAILPIT_URL ? ["MAILPIT_SMTP: only meaningful together with MAILPIT_URL"] : []),
    ...(!raw.SANDPIT_TLS_CERT !== !raw.SANDPIT_TLS_KEY ? ["SANDPIT_TLS_CERT and SANDPIT_TLS_KEY: give both, or neither"] : []),
    // Reset links in mail must not point wherever a request's Host header says.
    ...(raw.SANDPIT_RELAY_URL && !raw.SANDPIT_PUBLIC_URL
      ? ["SANDPIT_RELAY_URL: set SANDPIT_PUBLIC_URL too, the address the mailed reset links open"]
      : []),
  ];
  if (!parsed.success || pairing.length > 0) {
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join(".") || "(environment)"}: ${i.message}`);
    throw new ConfigError([...issues, ...pairing]);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.SANDPIT_DATA_DIR);
  return {
    http: {
      host: e.SANDPIT_HOST,
      port: e.SANDPIT_PORT,
      trustProxy: e.SANDPIT_TRUST_PROXY,
      maxMessageBytes: e.SANDPIT_MAX_MESSAGE_MB * 1024 * 1024,
      allowedHosts: e.SANDPIT_ALLOWED_HOSTS.split(",")
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean),
    },
    imap: { host: e.SANDPIT_IMAP_HOST, port: e.SANDPIT_IMAP_PORT, tlsPort: e.SANDPIT_IMAPS_PORT },
    pop3: { host: e.SANDPIT_POP3_HOST, port: e.SANDPIT_POP3_PORT, tlsPort: e.SANDPIT_POP3S_PORT },
    smtp: {
      host: e.SANDPIT_SMTP_HOST,
      port: e.SANDPIT_SMTP_PORT,
      auth: e.SANDPIT_SMTP_AUTH,
      trustFrom: e.SANDPIT_SMTP_TRUST_FROM,
      requireTls: e.SANDPIT_SMTP_REQUIRE_TLS,
      maxRecipients: e.SANDPIT_SMTP_MAX_RECIPIENTS,
      maxClients: e.SANDPIT_SMTP_MAX_CLIENTS,
      messagesPerMinute: e.SANDPIT_SMTP_MESSAGES_PER_MINUTE,
      chaos: e.SANDPIT_SMTP_CHAOS,
      tls: e.SANDPIT_TLS_CERT && e.SANDPIT_TLS_KEY ? { cert: e.SANDPIT_TLS_CERT, key: e.SANDPIT_TLS_KEY } : undefined,
    },
    dataDir,
    db: e.SANDPIT_DATABASE_URL
      ? { kind: "postgres", url: e.SANDPIT_DATABASE_URL }
      : { kind: "sqlite", path: path.join(dataDir, "sandpit.db") },
    auth: {
      mode: e.SANDPIT_AUTH_MODE,
      registration: e.SANDPIT_REGISTRATION,
      sessionDays: e.SANDPIT_SESSION_DAYS,
      plusAddressing: e.SANDPIT_PLUS_ADDRESSING,
      login: {
        perAccount: e.SANDPIT_LOGIN_FAILURES_PER_ACCOUNT,
        perClient: e.SANDPIT_LOGIN_FAILURES_PER_CLIENT,
        windowSeconds: e.SANDPIT_LOGIN_LOCKOUT_SECONDS,
      },
    },
    accounts: accountConfig(e),
    indexer: {
      reconcileMs: Math.round(e.SANDPIT_RECONCILE_SECONDS * 1000),
      leaderRetryMs: Math.round(e.SANDPIT_LEADER_RETRY_SECONDS * 1000),
    },
    log: e.SANDPIT_LOG,
    mailpit: e.MAILPIT_URL
      ? {
          kind: "external",
          url: e.MAILPIT_URL.replace(/\/+$/, ""),
          smtp: e.MAILPIT_SMTP,
          timeoutMs: e.MAILPIT_TIMEOUT_MS,
        }
      : {
          kind: "managed",
          bin: e.MAILPIT_BIN,
          httpPort: e.MAILPIT_HTTP_PORT,
          databasePath: path.join(dataDir, "mailpit.db"),
          timeoutMs: e.MAILPIT_TIMEOUT_MS,
        },
  };
}

/** An empty variable means "unset", as in most shells' `VAR= cmd` usage. */
function pickDefined(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(env)) if (v !== undefined && v !== "") out[k] = v;
  return out;
}

/** isLoopback tells whether a bind host only accepts local connections. */
export function isLoopback(host: string): boolean {
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}
