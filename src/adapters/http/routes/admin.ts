import { Hono, type Context } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { AddressInputSchema, DomainInputSchema } from "../../../services/addresses.js";
import { AdminCreateUserSchema, AdminPatchUserSchema, UserQuerySchema } from "../../../services/admin.js";
import { AuditQuerySchema } from "../../../services/audit.js";
import type { Env } from "../auth.js";
import { jsonInput, parseOrThrow, queryInput } from "../input.js";
import { clientMeta } from "../client-meta.js";
import { baseUrl } from "./security.js";

const AddressBody = AddressInputSchema.pick({ address: true }).strict();
const DomainBody = DomainInputSchema.pick({ domain: true }).strict();
const UserId = z.coerce.number().int().min(1).max(2_147_483_647);

/**
 * adminRoutes: the admin console's API under /api/v1/admin. Every call is an admin's with the
 * `admin` scope (services/scope-maps.ts); addresses and domains go through the address service,
 * as the user's own routes do.
 */
export function adminRoutes({ services, config }: Deps) {
  const meta = (c: Context) => clientMeta(c, config.http.trustProxy);
  const me = (c: Context<Env>) => c.get("auth").user;
  const id = (c: Context) => parseOrThrow(UserId, c.req.param("id"), "user id");
  const emailOf = async (c: Context<Env>) => (await services.admin.getUser(me(c), id(c))).email;
  return new Hono<Env>()
    .get("/users", queryInput(UserQuerySchema), async (c) => c.json(await services.admin.listUsers(me(c), c.req.valid("query"))))
    .post("/users", jsonInput(AdminCreateUserSchema), async (c) =>
      c.json(await services.admin.createUser(me(c), c.req.valid("json"), meta(c)), 201),
    )
    .get("/users/:id", async (c) => c.json(await services.admin.getUser(me(c), id(c))))
    .patch("/users/:id", jsonInput(AdminPatchUserSchema), async (c) =>
      c.json(await services.admin.updateUser(me(c), id(c), c.req.valid("json"), meta(c))),
    )
    .delete("/users/:id", async (c) => {
      await services.admin.deleteUser(me(c), id(c), meta(c));
      return c.body(null, 204);
    })
    .post("/users/:id/reset-link", async (c) => {
      const user = await services.admin.getUser(me(c), id(c));
      return c.json(await services.resets.createLink(me(c), user.id, baseUrl(c), meta(c)), 201);
    })
    .delete("/users/:id/tokens", async (c) => c.json({ revoked: await services.admin.revokeAllTokens(me(c), await emailOf(c), meta(c)) }))
    .delete("/tokens/:tokenId", async (c) => c.json(await services.admin.revokeToken(me(c), c.req.param("tokenId"), meta(c))))
    .post("/users/:id/addresses", jsonInput(AddressBody), async (c) =>
      c.json(await services.addresses.add(me(c), { ...c.req.valid("json"), user: await emailOf(c) }), 201),
    )
    .delete("/users/:id/addresses/:address", async (c) => {
      await services.addresses.remove(me(c), c.req.param("address"), await emailOf(c));
      return c.body(null, 204);
    })
    .post("/users/:id/domains", jsonInput(DomainBody), async (c) =>
      c.json(await services.addresses.addDomain(me(c), { ...c.req.valid("json"), user: await emailOf(c) }), 201),
    )
    .delete("/domains/:domain", async (c) => {
      await services.addresses.removeDomain(me(c), c.req.param("domain"));
      return c.body(null, 204);
    })
    .get("/instance", async (c) => c.json(await services.admin.instance(me(c))))
    .get("/audit", queryInput(AuditQuerySchema), async (c) => c.json(await services.audit.list(me(c), c.req.valid("query"))));
}
