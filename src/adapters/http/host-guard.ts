import { isIP } from "node:net";
import type { MiddlewareHandler } from "hono";
import { isLoopback, type Config } from "../../config.js";
import { AppError } from "../../errors.js";
import { originHost } from "../../lib/origin.js";

/** Health checks carry no user data and are probed by orchestrators under any name. */
const UNGUARDED = new Set(["/healthz", "/readyz", "/livez"]);

/**
 * hostAllowList builds the test for a `host[:port]` value: loopback names, IP literals (a DNS
 * rebinding attack always needs a name of the attacker's), the bind address and
 * SANDPIT_ALLOWED_HOSTS pass.
 */
export function hostAllowList(config: Pick<Config, "http">): (hostPort: string) => boolean {
  const allowed = new Set(["localhost", ...config.http.allowedHosts]);
  const bind = config.http.host.toLowerCase();
  if (!["0.0.0.0", "::"].includes(bind)) allowed.add(bind);
  return (hostPort) => {
    const host = hostOnly(hostPort.trim().toLowerCase());
    if (host === "") return false;
    return allowed.has(host) || isIP(host) !== 0 || isLoopback(host) || host.endsWith(".localhost");
  };
}

/** hostOnly strips the port (and IPv6 brackets) from a Host header value. */
function hostOnly(hostPort: string): string {
  const v6 = /^\[([^\]]+)\](?::\d+)?$/.exec(hostPort);
  if (v6) return v6[1]!;
  return hostPort.replace(/:\d+$/, "");
}

/**
 * hostGuard refuses DNS rebinding on every route (DESIGN §3): a web page whose name the attacker
 * rebinds to this machine sends its own name as Host, and its Origin. Both must be allowed hosts;
 * otherwise 403 naming the setting that admits a host.
 */
export function hostGuard(config: Pick<Config, "http">): MiddlewareHandler {
  const ok = hostAllowList(config);
  return async function hostGuardMiddleware(c, next) {
    if (UNGUARDED.has(c.req.path)) return next();
    const host = c.req.header("host") ?? "";
    if (!ok(host)) {
      throw new AppError("FORBIDDEN", `host "${host}" is not allowed; add it to SANDPIT_ALLOWED_HOSTS to serve Sandpit under that name`);
    }
    const origin = originHost(c.req.header("origin"));
    if (origin !== undefined && !ok(origin)) {
      throw new AppError("FORBIDDEN", `origin "${c.req.header("origin")}" is not allowed; add its host to SANDPIT_ALLOWED_HOSTS`);
    }
    await next();
  };
}
