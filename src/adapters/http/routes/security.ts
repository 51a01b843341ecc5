import { Hono, type Context, type MiddlewareHandler } from "hono";
import type { Deps } from "../../../deps.js";
import { AuditQuerySchema } from "../../../services/audit.js";
import { ResetRequestSchema, ResetSchema } from "../../../services/password-reset.js";
import { TotpCodeSchema } from "../../../services/two-factor.js";
import type { Env } from "../auth.js";
import { jsonInput, queryInput } from "../input.js";
import { clientMeta } from "../client-meta.js";

/** baseUrl is where this request reached Sandpit: the links a reset mail carries point there. */
export function baseUrl(c: Context): string {
  const u = new URL(c.req.url);
  return `${u.protocol}//${u.host}`;
}

/**
 * securityRoutes, under /api/v1/auth: my sessions and activity, two-factor, and password reset
 * (the two reset routes need no token: they are how someone without a password gets back in).
 */
export function securityRoutes({ services, config }: Deps, signedIn: MiddlewareHandler<Env>) {
  const meta = (c: Context) => clientMeta(c, config.http.trustProxy);
  const me = (c: Context<Env>) => c.get("auth").user;
  return new Hono<Env>()
    .post("/logout-everywhere", signedIn, async (c) => c.json({ ended: await services.auth.logoutEverywhere(me(c), meta(c)) }))
    .get("/activity", signedIn, queryInput(AuditQuerySchema), async (c) => c.json(await services.audit.mine(me(c), c.req.valid("query"))))
    .get("/2fa", signedIn, async (c) => c.json(await services.twoFactor.status(me(c))))
    .post("/2fa/setup", signedIn, async (c) => c.json(await services.twoFactor.begin(me(c), meta(c))))
    .post("/2fa/enable", signedIn, jsonInput(TotpCodeSchema), async (c) =>
      c.json(await services.twoFactor.confirm(me(c), c.req.valid("json").code, meta(c))),
    )
    .post("/2fa/disable", signedIn, jsonInput(TotpCodeSchema), async (c) => {
      await services.twoFactor.disable(me(c), c.req.valid("json").code, meta(c));
      return c.body(null, 204);
    })
    .post("/password-reset-request", jsonInput(ResetRequestSchema), async (c) => {
      await services.resets.request(c.req.valid("json").email, meta(c));
      return c.json({ ok: true, message: "if an account uses this address, a reset link is on its way" }, 202);
    })
    .post("/password-reset", jsonInput(ResetSchema), async (c) => {
      await services.resets.reset(c.req.valid("json"), meta(c));
      return c.body(null, 204);
    });
}
