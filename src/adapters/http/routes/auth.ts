import { Hono, type Context } from "hono";
import { addressRoutes } from "./profile.js";
import { securityRoutes } from "./security.js";
import type { Deps } from "../../../deps.js";
import {
  ChangePasswordInputSchema,
  CreateTokenInputSchema,
  LoginInputSchema,
  UpdateProfileInputSchema,
  RegisterInputSchema,
} from "../../../services/auth.js";
import { optionalAuth, requireAuth, type Env } from "../auth.js";
import { jsonInput } from "../input.js";
import { clientMeta } from "../client-meta.js";

export { clientMeta };

/** authRoutes: register, login, me, logout and token management under /api/v1/auth. */
export function authRoutes(deps: Deps) {
  const { services, config } = deps;
  const meta = (c: Context) => clientMeta(c, config.http.trustProxy);
  const signedIn = requireAuth(deps);
  const logout = async (c: Context<Env>) => {
    await services.auth.logout(c.get("auth").user, meta(c));
    return c.body(null, 204);
  };
  return new Hono<Env>()
    .post("/register", optionalAuth(services.auth), jsonInput(RegisterInputSchema), async (c) => {
      const input = c.req.valid("json");
      return c.json(await services.auth.register(input, c.get("auth")?.user, meta(c)), 201);
    })
    .post("/login", jsonInput(LoginInputSchema), async (c) => c.json(await services.auth.login(c.req.valid("json"), meta(c))))
    .get("/me", signedIn, async (c) => c.json(await services.auth.me(c.get("auth").user)))
    .patch("/me", signedIn, jsonInput(UpdateProfileInputSchema), async (c) =>
      c.json(await services.auth.updateProfile(c.get("auth").user, c.req.valid("json"))),
    )
    .post("/password", signedIn, jsonInput(ChangePasswordInputSchema), async (c) => {
      await services.auth.changePassword(c.get("auth").user, c.req.valid("json"), meta(c));
      return c.body(null, 204);
    })
    .post("/logout", signedIn, logout)
    .delete("/logout", signedIn, logout)
    .get("/tokens", signedIn, async (c) => c.json({ tokens: await services.auth.listTokens(c.get("auth").user, c.get("auth").tokenId) }))
    .post("/tokens", signedIn, jsonInput(CreateTokenInputSchema), async (c) => {
      const input = c.req.valid("json");
      const { token, info } = await services.auth.createToken(c.get("auth").user, input, meta(c));
      return c.json({ token, ...info }, 201);
    })
    .route("/", addressRoutes(deps, signedIn))
    .route("/", securityRoutes(deps, signedIn))
    .delete("/tokens/:id", signedIn, async (c) => {
      await services.auth.revoke(c.get("auth").user, c.req.param("id"), meta(c));
      return c.body(null, 204);
    });
}
