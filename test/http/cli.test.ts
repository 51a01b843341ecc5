import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/adapters/cli/commands.js";
import { cliOf } from "../support/cli.js";
import { useStack } from "../support/stack.js";
import { storeEnv } from "../support/test-store.js";
import { asUser, jsonInit } from "../support/users.js";
import { uniq } from "../support/world.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const stack = useStack();

const cli = cliOf(stack);

/** spawnCli runs the real entry point (what `npm run sandpit --` runs) as a child process. */
async function spawnCli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, SANDPIT_DATA_DIR: stack.app.dataDir, MAILPIT_URL: stack.mp.apiUrl, ...(await storeEnv(stack.app.dataDir)) };
  return new Promise((resolve) => {
    execFile("node_modules/.bin/tsx", ["src/adapters/cli/main.ts", ...argv], { cwd: ROOT, env }, (err, stdout, stderr) => {
      resolve({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

describe("sandpit CLI", () => {
  it("adds a user who can then log in over HTTP", async () => {
    const email = uniq("cli");
    const r = await cli("users", "add", email, "--name", "Cli User", "--json");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).user).toMatchObject({ email, name: "Cli User", isAdmin: false });
    const login = await fetch(`${stack.app.url}/api/v1/auth/login`, jsonInit("POST", { email }));
    expect(login.status).toBe(200);
  });

  it("prints only the token on stdout for tokens issue, and the token works until revoked", async () => {
    const email = uniq("ci");
    expect((await cli("users", "add", email)).code).toBe(0);
    const issued = await cli("tokens", "issue", email, "--name", "pipeline", "--expires-days", "7");
    expect(issued.code).toBe(0);
    const token = issued.stdout.trim();
    expect(token).toMatch(/^sp_[\w-]{12}_[\w-]{43}$/);
    expect(issued.stderr).toContain("pipeline");
    const me = await asUser(stack.app, email, token).json("/api/v1/auth/me");
    expect([me.status, me.body.user.email]).toEqual([200, email]);

    const listed = await cli("tokens", "list", email, "--json");
    const tokens = JSON.parse(listed.stdout) as { id: string; name: string; expiresAt: string | null }[];
    expect(tokens.map((t) => t.name)).toEqual(["pipeline"]);
    expect(tokens[0]!.expiresAt).not.toBeNull();
    expect(listed.stdout).not.toContain(token.slice(-43));

    expect((await cli("tokens", "revoke", tokens[0]!.id)).code).toBe(0);
    expect((await asUser(stack.app, email, token).json("/api/v1/auth/me")).status).toBe(401);
  });

  it("revokes every token of a user with --user --all", async () => {
    const email = uniq("all");
    await cli("users", "add", email);
    const a = (await cli("tokens", "issue", email)).stdout.trim();
    const b = (await cli("tokens", "issue", email)).stdout.trim();
    const r = await cli("tokens", "revoke", "--user", email, "--all");
    expect([r.code, r.stdout]).toEqual([0, `revoked 2 token(s) of ${email}\n`]);
    for (const t of [a, b]) expect((await asUser(stack.app, email, t).json("/api/v1/auth/me")).status).toBe(401);
  });

  it("makes and unmakes admins", async () => {
    const email = uniq("boss");
    await cli("users", "add", email);
    const token = (await cli("tokens", "issue", email)).stdout.trim();
    expect((await cli("users", "set-admin", email)).code).toBe(0);
    expect((await asUser(stack.app, email, token).json("/api/v1/auth/me")).body.user.isAdmin).toBe(true);
    await cli("users", "set-admin", email, "--off");
    expect((await asUser(stack.app, email, token).json("/api/v1/auth/me")).body.user.isAdmin).toBe(false);
  });

  it("exits 1 with a clear error for a taken or invalid address, and 2 for a usage error", async () => {
    const email = uniq("dup");
    await cli("users", "add", email);
    const taken = await cli("users", "add", email.toUpperCase());
    expect([taken.code, taken.stderr]).toEqual([1, "error: this address is already registered\n"]);
    expect((await cli("users", "add", "not-an-address")).code).toBe(1);
    const unknown = await cli("users", "frobnicate");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command: users frobnicate");
    expect((await cli("tokens", "issue")).code).toBe(2);
    expect((await cli("tokens", "revoke", "nope")).code).toBe(1);
  });

  it("prints the user for users add, also as a table in users list and as JSON with --json", async () => {
    const email = uniq("listed");
    const added = await cli("users", "add", email, "--name", "Listed", "--token");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`^created user \\d+ ${email}\ntoken: sp_\\S+\n$`));
    const table = await cli("users", "list");
    expect(table.stdout.split("\n")[0]).toMatch(/^id\s+email\s+name\s+admin\s+created$/);
    expect(table.stdout).toMatch(new RegExp(`${email}\\s+Listed`));
    const json = JSON.parse((await cli("users", "list", "--json")).stdout) as { email: string; isAdmin: boolean }[];
    expect(json.find((u) => u.email === email)).toMatchObject({ isAdmin: false });
  });

  it("requires a password when the CLI runs in password mode", async () => {
    const email = uniq("pw");
    let stderr = "";
    const env = { SANDPIT_DATA_DIR: stack.app.dataDir, SANDPIT_AUTH_MODE: "password" };
    const code = await runCli(["users", "add", email], env, { stdout: () => {}, stderr: (s) => (stderr += s) });
    expect([code, stderr]).toEqual([1, "error: a password is required\n"]);
    expect((await cli("tokens", "list", email)).code).toBe(1);
  });

  it("prints usage with exit 0 for help and no arguments, and exit 2 for a malformed command line", async () => {
    for (const argv of [[], ["help"], ["--help"]]) {
      const r = await cli(...argv);
      expect([r.code, r.stdout.split("\n")[0]]).toEqual([0, "usage: sandpit <command> [options]"]);
    }
    const malformed = [
      ["users"],
      ["users", "list", "extra"],
      ["users", "add", "--bogus"],
      ["tokens", "issue", "a@b.test", "--expires-days", "soon"],
      ["tokens", "revoke", "--all"],
    ];
    for (const argv of malformed) {
      const r = await cli(...argv);
      expect([argv, r.code, r.stdout]).toEqual([argv, 2, ""]);
      expect(r.stderr).toMatch(/^error: .+\n\nusage: sandpit/);
    }
  });

  it("runs as a real command: users add, users list, tokens issue with only the token on stdout", async () => {
    const email = uniq("spawned");
    const added = await spawnCli("users", "add", email, "--admin");
    expect(added.code).toBe(0);
    expect(added.stdout).toMatch(new RegExp(`^created user \\d+ ${email} \\(admin\\)\n$`));
    const listed = await spawnCli("users", "list");
    expect(listed.code).toBe(0);
    expect(listed.stdout).toContain(email);
    const issued = await spawnCli("tokens", "issue", email, "--name", "ci");
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^sp_[\w-]{12}_[\w-]{43}\n$/);
    expect(issued.stderr).toContain("issued token");
    const me = await asUser(stack.app, email, issued.stdout.trim()).json("/api/v1/auth/me");
    expect([me.status, me.body.user.isAdmin]).toEqual([200, true]);
    const unknown = await spawnCli("nope");
    expect([unknown.code, unknown.stdout]).toEqual([2, ""]);
    expect(unknown.stderr).toContain("error: unknown command: nope");
  });
});
