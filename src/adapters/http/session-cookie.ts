import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { AppError } from "../../errors.js";
import { originHost } from "../../lib/origin.js";

/**
 * The web UI keeps each signed-in account's session token in its own HttpOnly, SameSite=Strict
 * cookie (`sp_acct_<tokenId>`), and the active one's token id in `sp_active`, so a tester can
 * switch between alice and bob in one browser. Scripts never see a token.
 */
const PREFIX = "sp_acct_";
const ACTIVE = "sp_active";

function options(c: Context, maxAgeSeconds?: number) {
  return {
    path: "/",
    httpOnly: true,
    sameSite: "Strict" as const,
    secure: new URL(c.req.url).protocol === "https:",
    ...(maxAgeSeconds ? { maxAge: maxAgeSeconds } : {}),
  };
}

/** sessionCookies lists the tokens this browser holds, keyed by token id. */
export function sessionCookies(c: Context): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, value] of Object.entries(getCookie(c))) {
    if (name.startsWith(PREFIX) && /^[A-Za-z0-9_-]{12}$/.test(name.slice(PREFIX.length))) out.set(name.slice(PREFIX.length), value);
  }
  return out;
}

export function activeTokenId(c: Context): string | undefined {
  return getCookie(c, ACTIVE);
}

/** activeToken is the token of the account the UI currently acts as. */
export function activeToken(c: Context): string | undefined {
  const id = activeTokenId(c);
  return id ? sessionCookies(c).get(id) : undefined;
}

/** addSession stores a new session token and makes it the active account. */
export function addSession(c: Context, tokenId: string, token: string, days: number): void {
  setCookie(c, PREFIX + tokenId, token, options(c, days * 86_400));
  setCookie(c, ACTIVE, tokenId, options(c, days * 86_400));
}

export function setActive(c: Context, tokenId: string): void {
  setCookie(c, ACTIVE, tokenId, options(c, 400 * 86_400));
}

export function dropSession(c: Context, tokenId: string): void {
  deleteCookie(c, PREFIX + tokenId, options(c));
}

export function clearActive(c: Context): void {
  deleteCookie(c, ACTIVE, options(c));
}

/**
 * checkCsrf protects cookie-authenticated writes: the request must carry `X-Sandpit-CSRF: 1`,
 * which a cross-site form or image cannot send (and a cross-origin script could only send after a
 * CORS preflight Sandpit never grants), and an Origin, when present, must be this host.
 */
export function checkCsrf(c: Context): void {
  if (["GET", "HEAD", "OPTIONS"].includes(c.req.method)) return;
  if (c.req.header("x-sandpit-csrf") !== "1") throw new AppError("FORBIDDEN", "missing X-Sandpit-CSRF header (cross-site request refused)");
  const host = originHost(c.req.header("origin"));
  if (host !== undefined && host !== c.req.header("host")) throw new AppError("FORBIDDEN", "cross-origin request refused");
}

/**
 * csrfGuard runs `checkCsrf` as route middleware, so a refused request is refused before any
 * validator reads its body.
 *
 * @returns the middleware
 * @example
 * .post("/login", csrfGuard(), jsonInput(LoginInputSchema), async (c) => ...)
 */
export function csrfGuard(): MiddlewareHandler {
  return async function csrfGuardMiddleware(c, next) {
    checkCsrf(c);
    await next();
  };
}
