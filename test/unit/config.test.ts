import path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, isLoopback, loadConfig } from "../../src/config.js";

/** configError runs loadConfig and returns the ConfigError it throws (failing if it does not). */
function configError(env: Record<string, string | undefined>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be rejected`);
}

describe("loadConfig", () => {
  it("Should default to port 8025, SMTP 1025, open mode and a managed Mailpit whose database is in ./data", () => {
    const config = loadConfig({});
    const dataDir = path.resolve("data");
    expect(config.http).toEqual({ host: "127.0.0.1", port: 8025, trustProxy: false, maxMessageBytes: 25 * 1024 * 1024, allowedHosts: [] });
    expect(config.smtp).toEqual({
      host: "127.0.0.1",
      port: 1025,
      auth: "optional",
      trustFrom: false,
      requireTls: false,
      maxRecipients: 1000,
      maxClients: 200,
      messagesPerMinute: 6000,
      chaos: true,
      tls: undefined,
    });
    expect(config.dataDir).toBe(dataDir);
    expect(config.db).toEqual({ kind: "sqlite", path: path.join(dataDir, "sandpit.db") });
    expect(config.auth).toEqual({
      mode: "open",
      registration: "open",
      sessionDays: 30,
      login: { perAccount: 10, perClient: 50, windowSeconds: 900 },
      plusAddressing: true,
    });
    expect(config.mailpit).toEqual({
      kind: "managed",
      bin: undefined,
      httpPort: 0,
      databasePath: path.join(dataDir, "mailpit.db"),
      timeoutMs: 10_000,
    });
    expect(config.log).toBe("info");
    expect(config.indexer.reconcileMs).toBe(30_000);
  });

  it("Should put the SQLite file and the managed Mailpit's database in SANDPIT_DATA_DIR", () => {
    const config = loadConfig({ SANDPIT_DATA_DIR: "/var/lib/sandpit", MAILPIT_BIN: "/opt/mailpit", MAILPIT_HTTP_PORT: "18025" });
    expect(config.dataDir).toBe(path.resolve("/var/lib/sandpit"));
    expect(config.db).toEqual({ kind: "sqlite", path: path.resolve("/var/lib/sandpit/sandpit.db") });
    expect(config.mailpit).toMatchObject({
      kind: "managed",
      bin: "/opt/mailpit",
      httpPort: 18025,
      databasePath: path.resolve("/var/lib/sandpit/mailpit.db"),
    });
  });

  it("Should switch to an external Mailpit when MAILPIT_URL is set, without a trailing slash", () => {
    const config = loadConfig({ MAILPIT_URL: "http://mailpit:8025/", MAILPIT_SMTP: "mailpit:1025", MAILPIT_TIMEOUT_MS: "2500" });
    expect(config.mailpit).toEqual({ kind: "external", url: "http://mailpit:8025", smtp: "mailpit:1025", timeoutMs: 2500 });
  });

  it("Should accept MAILPIT_URL without MAILPIT_SMTP", () => {
    expect(loadConfig({ MAILPIT_URL: "https://mail.example.test" }).mailpit).toEqual({
      kind: "external",
      url: "https://mail.example.test",
      smtp: undefined,
      timeoutMs: 10_000,
    });
  });

  it("Should read every setting into its nested field", () => {
    const config = loadConfig({
      SANDPIT_HOST: "0.0.0.0",
      SANDPIT_PORT: "9000",
      SANDPIT_SMTP_HOST: "0.0.0.0",
      SANDPIT_SMTP_PORT: "2525",
      SANDPIT_SMTP_AUTH: "required",
      SANDPIT_SMTP_TRUST_FROM: "true",
      SANDPIT_SMTP_REQUIRE_TLS: "true",
      SANDPIT_SMTP_MAX_RECIPIENTS: "5",
      SANDPIT_SMTP_MAX_CLIENTS: "7",
      SANDPIT_SMTP_MESSAGES_PER_MINUTE: "9",
      SANDPIT_SMTP_CHAOS: "false",
      SANDPIT_TLS_CERT: "/etc/cert.pem",
      SANDPIT_TLS_KEY: "/etc/key.pem",
      SANDPIT_AUTH_MODE: "password",
      SANDPIT_REGISTRATION: "closed",
      SANDPIT_SESSION_DAYS: "7",
      SANDPIT_LOGIN_FAILURES_PER_ACCOUNT: "3",
      SANDPIT_LOGIN_FAILURES_PER_CLIENT: "20",
      SANDPIT_LOGIN_LOCKOUT_SECONDS: "60",
      SANDPIT_RECONCILE_SECONDS: "0.5",
      SANDPIT_MAX_MESSAGE_MB: "2",
      SANDPIT_LOG: "warn",
      SANDPIT_TRUST_PROXY: "true",
      SANDPIT_ALLOWED_HOSTS: " Sandpit.Example.test , localhost,,",
      SANDPIT_PLUS_ADDRESSING: "false",
    });
    expect(config.http).toEqual({
      host: "0.0.0.0",
      port: 9000,
      trustProxy: true,
      maxMessageBytes: 2 * 1024 * 1024,
      allowedHosts: ["sandpit.example.test", "localhost"],
    });
    expect(config.smtp).toEqual({
      host: "0.0.0.0",
      port: 2525,
      auth: "required",
      trustFrom: true,
      requireTls: true,
      maxRecipients: 5,
      maxClients: 7,
      messagesPerMinute: 9,
      chaos: false,
      tls: { cert: "/etc/cert.pem", key: "/etc/key.pem" },
    });
    expect(config.auth).toEqual({
      mode: "password",
      registration: "closed",
      sessionDays: 7,
      login: { perAccount: 3, perClient: 20, windowSeconds: 60 },
      plusAddressing: false,
    });
    expect(config.indexer.reconcileMs).toBe(500);
    expect(config.log).toBe("warn");
  });

  it.each([
    ["false", false],
    ["0", false],
    ["no", false],
    ["true", true],
    ["1", true],
    ["yes", true],
  ])("Should read SANDPIT_TRUST_PROXY=%s as %s", (value, expected) => {
    expect(loadConfig({ SANDPIT_TRUST_PROXY: value }).http.trustProxy).toBe(expected);
  });

  it("Should treat empty strings as unset", () => {
    const config = loadConfig({
      SANDPIT_PORT: "",
      SANDPIT_SMTP_PORT: "",
      SANDPIT_AUTH_MODE: "",
      SANDPIT_DATA_DIR: "",
      SANDPIT_TRUST_PROXY: "",
      MAILPIT_URL: "",
      MAILPIT_SMTP: "",
      MAILPIT_BIN: "",
    });
    expect(config.http.port).toBe(8025);
    expect(config.smtp.port).toBe(1025);
    expect(config.auth.mode).toBe("open");
    expect(config.dataDir).toBe(path.resolve("data"));
    expect(config.http.trustProxy).toBe(false);
    expect(config.mailpit).toMatchObject({ kind: "managed", bin: undefined });
  });

  it("Should ignore variables that are not Sandpit's, as in a real process environment", () => {
    const config = loadConfig({ PATH: "/usr/bin", HOME: "/home/x", NODE_ENV: "production", SANDPIT_PORT: "0" });
    expect(config.http.port).toBe(0);
  });

  it("Should throw a ConfigError naming every bad variable at once", () => {
    const err = configError({ SANDPIT_PORT: "abc", SANDPIT_AUTH_MODE: "nope" });
    expect(err.issues).toHaveLength(2);
    expect(err.issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SANDPIT_PORT: /), expect.stringMatching(/^SANDPIT_AUTH_MODE: /)]),
    );
    expect(err.message).toContain("SANDPIT_PORT");
    expect(err.message).toContain("SANDPIT_AUTH_MODE");
    expect(err.name).toBe("ConfigError");
  });

  it.each([
    ["SANDPIT_PORT", "70000"],
    ["SANDPIT_PORT", "80.5"],
    ["SANDPIT_PORT", "-1"],
    ["SANDPIT_SMTP_PORT", "smtp"],
    ["SANDPIT_SMTP_AUTH", "sometimes"],
    ["SANDPIT_SMTP_MAX_RECIPIENTS", "0"],
    ["SANDPIT_REGISTRATION", "invite"],
    ["SANDPIT_SESSION_DAYS", "0"],
    ["SANDPIT_RECONCILE_SECONDS", "0.1"],
    ["SANDPIT_MAX_MESSAGE_MB", "2048"],
    ["SANDPIT_LOG", "verbose"],
    ["SANDPIT_TRUST_PROXY", "maybe"],
    ["MAILPIT_URL", "not a url"],
    ["MAILPIT_URL", "ftp://mailpit:21"],
    ["MAILPIT_HTTP_PORT", "http"],
    ["MAILPIT_TIMEOUT_MS", "50"],
  ])("Should name %s=%s in the ConfigError", (name, value) => {
    const err = configError({ [name]: value });
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]).toMatch(new RegExp(`^${name}: `));
    expect(err.message).toContain(name);
  });

  it("Should refuse a MAILPIT_SMTP that is not host:port", () => {
    const err = configError({ MAILPIT_URL: "http://mailpit:8025", MAILPIT_SMTP: "mailpit" });
    expect(err.issues).toEqual([expect.stringMatching(/^MAILPIT_SMTP: .*host:port/)]);
  });

  it("Should refuse a TLS certificate without its key, and a key without its certificate", () => {
    for (const env of [{ SANDPIT_TLS_CERT: "/c.pem" }, { SANDPIT_TLS_KEY: "/k.pem" }]) {
      expect(configError(env).issues).toEqual([expect.stringMatching(/^SANDPIT_TLS_CERT and SANDPIT_TLS_KEY: give both/)]);
    }
  });

  it("Should refuse MAILPIT_SMTP without MAILPIT_URL", () => {
    const err = configError({ MAILPIT_SMTP: "mailpit:1025" });
    expect(err.issues).toEqual([expect.stringMatching(/^MAILPIT_SMTP: .*MAILPIT_URL/)]);
  });

  it("Should name MAILPIT_SMTP without MAILPIT_URL together with the other bad variables", () => {
    const err = configError({ SANDPIT_PORT: "abc", MAILPIT_SMTP: "mailpit:1025" });
    expect(err.issues).toEqual(
      expect.arrayContaining([expect.stringMatching(/^SANDPIT_PORT: /), expect.stringMatching(/^MAILPIT_SMTP: .*MAILPIT_URL/)]),
    );
  });
});

describe("isLoopback", () => {
  it.each([
    ["127.0.0.1", true],
    ["127.1.2.3", true],
    ["localhost", true],
    ["::1", true],
    ["0.0.0.0", false],
    ["::", false],
    ["192.168.1.10", false],
  ])("Should tell whether %s only accepts local connections (%s)", (host, expected) => {
    expect(isLoopback(host)).toBe(expected);
  });
});
