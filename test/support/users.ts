import type { TestApp } from "./app.js";

/** TestUser acts as one registered user against a running Sandpit. */
export interface TestUser {
  email: string;
  token: string;
  /** fetch sends a request with this user's bearer token. */
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** json GETs (or sends) and parses JSON, returning the status too. */
  json<T = any>(path: string, init?: RequestInit): Promise<{ status: number; body: T }>;
}

/** registerUser registers `email` (open mode unless a password is given) and returns a client. */
export async function registerUser(app: TestApp, email: string, extra: Record<string, unknown> = {}): Promise<TestUser> {
  const res = await fetch(`${app.url}/api/v1/auth/register`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, ...extra }),
  });
  const body = (await res.json()) as { token?: string };
  if (res.status !== 201 || !body.token) throw new Error(`register ${email}: ${res.status} ${JSON.stringify(body)}`);
  return asUser(app, email, body.token);
}

/** asUser wraps an existing token. */
export function asUser(app: TestApp, email: string, token: string): TestUser {
  const doFetch = (path: string, init: RequestInit = {}) =>
    fetch(`${app.url}${path}`, {
      redirect: "manual",
      ...init,
      headers: { authorization: `Bearer ${token}`, ...(init.headers as Record<string, string> | undefined) },
    });
  return {
    email,
    token,
    fetch: doFetch,
    async json(path, init) {
      const res = await doFetch(path, init);
      const text = await res.text();
      return { status: res.status, body: text ? JSON.parse(text) : undefined };
    },
  };
}

/** jsonInit builds a JSON request init. */
export function jsonInit(method: string, body: unknown): RequestInit {
  return { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) };
}
