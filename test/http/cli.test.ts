import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "../../src/cli/commands.js";
import { useStack } from "../support/stack.js";
import { asUser, jsonInit } from "../support/users.js";
import { uniq } from "../support/world.js";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const stack = useStack();

/** cli runs the CLI in-process against the running server's database. */
async function cli(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, { SANDPIT_DATA_DIR: stack.app.dataDir, MAILPIT_URL: stack.mp.apiUrl }, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
  });
  return { code, stdout, stderr };
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

  it("runs as a real command (npm run sandpit)", async () => {
    const email = uniq("spawned");
    const run = promisify(execFile);
    const env = { ...process.env, SANDPIT_DATA_DIR: stack.app.dataDir, MAILPIT_URL: stack.mp.apiUrl };
    const added = await run("node_modules/.bin/tsx", ["src/cli/main.ts", "users", "add", email, "--admin"], { cwd: ROOT, env });
    expect(added.stdout).toMatch(new RegExp(`created user \\d+ ${email} \\(admin\\)`));
    const listed = await run("node_modules/.bin/tsx", ["src/cli/main.ts", "users", "list"], { cwd: ROOT, env });
    expect(listed.stdout.split("\n")[0]).toMatch(/^id\s+email\s+name\s+admin\s+created$/);
    expect(listed.stdout).toContain(email);
    await expect(run("node_modules/.bin/tsx", ["src/cli/main.ts", "nope"], { cwd: ROOT, env })).rejects.toMatchObject({ code: 2 });
  });
});
