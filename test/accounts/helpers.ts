import { expect } from "vitest";
import type { TestApp } from "../support/app.js";
import { asUser, jsonInit, type TestUser } from "../support/users.js";
import { uniq } from "../support/world.js";

/** PASSWORD is good enough for the strength rules. */
export const PASSWORD = "correct horse battery staple";

/** login signs in by password (and code), answering the raw status and body. */
export async function login(app: TestApp, email: string, password: string, code?: string) {
  const res = await fetch(`${app.url}/api/v1/auth/login`, jsonInit("POST", { email, password, ...(code ? { code } : {}) }));
  return { status: res.status, headers: res.headers, body: (await res.json()) as any };
}

/** signIn logs in and wraps the session token, failing the test when login does not succeed. */
export async function signIn(app: TestApp, email: string, password = PASSWORD, code?: string): Promise<TestUser> {
  const r = await login(app, email, password, code);
  expect(r.status, JSON.stringify(r.body)).toBe(200);
  return asUser(app, email, r.body.token as string);
}

/** makeAdmin creates an admin (with a password in password mode) as the CLI would, and signs them in. */
export async function makeAdmin(app: TestApp): Promise<TestUser> {
  const email = uniq("admin");
  const password = app.server.deps.config.auth.mode === "password" ? PASSWORD : undefined;
  await app.server.deps.services.auth.createUser({ email, password, isAdmin: true });
  if (password) return signIn(app, email, password);
  const { token } = await app.server.deps.services.auth.issueFor(email, "test", undefined);
  return asUser(app, email, token);
}

/** audit reads the audit log as an admin, with filters. */
export async function audit(admin: TestUser, query: Record<string, string>) {
  const r = await admin.json(`/api/v1/admin/audit?${new URLSearchParams(query)}`);
  expect(r.status).toBe(200);
  return r.body.entries as { action: string; result: string; actor: string; target: string; ip: string | null; detail: string }[];
}
