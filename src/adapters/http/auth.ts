import type { MiddlewareHandler } from "hono";
import { AppError } from "../../errors.js";
import type { Authenticated } from "../../services/auth.js";
import type { Deps, Services } from "../../deps.js";
import { clientMeta } from "./client-meta.js";
import { activeToken, checkCsrf } from "./session-cookie.js";

/** Env is the Hono environment: the authenticated caller lives on the context. */
export interface Env {
  Variables: { auth: Authenticated; requestId: string };
}

/** credentials extracts a token from `Authorization: Bearer` or basic auth (password = token). */
export function credentials(header: string | undefined): { token: string; basicUser?: string } | undefined {
  if (!header) return undefined;
  const [scheme, value = ""] = header.trim().split(/\s+/, 2);
  if (/^bearer$/i.test(scheme ?? "")) return { token: value };
  if (/^basic$/i.test(scheme ?? "")) {
    const decoded = Buffer.from(value, "base64").toString("utf8");
    const i = decoded.indexOf(":");
    if (i < 0) return undefined;
    return { token: decoded.slice(i + 1), basicUser: decoded.slice(0, i) };
  }
  return undefined;
}

/**
 * requireAuth resolves the caller's token to a user, or answers 401 (DESIGN §3.1). The token comes
 * from the Authorization header (API clients), else from the web UI's session cookie, whose writes
 * must pass the CSRF check.
 */
export function requireAuth(
  deps: Pick<Deps, "services" | "config">,
  opts: { cookies?: boolean } = { cookies: true },
): MiddlewareHandler<Env> {
  const { auth, limits } = deps.services;
  const trustProxy = deps.config.http.trustProxy;
  /** admit counts the request against its token's rate (SANDPIT_API_REQUESTS_PER_MINUTE). */
  const admit = async (who: Authenticated) => {
    await limits.take("api", who.tokenId, { actor: who.user });
    return who;
  };
  return async function requireAuthMiddleware(c, next) {
    const cred = credentials(c.req.header("authorization"));
    if (cred) {
      const client = cred.basicUser === undefined ? undefined : clientMeta(c, trustProxy);
      c.set("auth", await admit(await auth.authenticate(cred.token, cred.basicUser, client)));
      return next();
    }
    const cookieToken = opts.cookies ? activeToken(c) : undefined;
    if (!cookieToken) throw new AppError("UNAUTHORIZED", "missing token: send Authorization: Bearer <token> or basic auth");
    checkCsrf(c);
    c.set("auth", await admit(await auth.authenticate(cookieToken)));
    await next();
  };
}

/** optionalAuth sets the caller when a valid token is present and ignores its absence. */
export function optionalAuth(auth: Services["auth"]): MiddlewareHandler<Env> {
  return async function optionalAuthMiddleware(c, next) {
    const cred = credentials(c.req.header("authorization"));
    if (cred) c.set("auth", await auth.authenticate(cred.token, cred.basicUser));
    await next();
  };
}
