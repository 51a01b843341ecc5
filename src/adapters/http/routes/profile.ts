import { Hono, type MiddlewareHandler } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { PreferencesPatchSchema } from "../../../domain/preferences.js";
import { AddressInputSchema, DomainInputSchema } from "../../../services/addresses.js";
import type { Env } from "../auth.js";
import { jsonInput, queryInput } from "../input.js";

const ContactsQuery = z.object({
  query: z.string().max(200).default(""),
  limit: z.coerce.number().int().min(1).max(100).default(10),
});
const ForUser = z.object({ user: z.string().max(254).optional() });

/** addressRoutes (under /api/v1/auth, each behind `signedIn`): my addresses, catch-all domains (admins) and preferences. */
export function addressRoutes({ services }: Deps, signedIn: MiddlewareHandler<Env>) {
  const a = services.addresses;
  return new Hono<Env>()
    .get("/addresses", signedIn, async (c) => c.json(await a.list(c.get("auth").user)))
    .post("/addresses", signedIn, jsonInput(AddressInputSchema), async (c) =>
      c.json(await a.add(c.get("auth").user, c.req.valid("json")), 201),
    )
    .delete("/addresses/:address", signedIn, queryInput(ForUser), async (c) => {
      await a.remove(c.get("auth").user, c.req.param("address"), c.req.valid("query").user);
      return c.text("ok");
    })
    .post("/domains", signedIn, jsonInput(DomainInputSchema), async (c) =>
      c.json(await a.addDomain(c.get("auth").user, c.req.valid("json")), 201),
    )
    .delete("/domains/:domain", signedIn, async (c) => {
      await a.removeDomain(c.get("auth").user, c.req.param("domain"));
      return c.text("ok");
    })
    .get("/preferences", signedIn, async (c) => c.json(await services.profile.preferences(c.get("auth").user)))
    .put("/preferences", signedIn, jsonInput(PreferencesPatchSchema), async (c) =>
      c.json(await services.profile.setPreferences(c.get("auth").user, c.req.valid("json"))),
    );
}

/** contactRoutes: the people in my own mail, for autocomplete. */
export function contactRoutes({ services }: Deps) {
  return new Hono<Env>().get("/contacts", queryInput(ContactsQuery), async (c) => {
    const q = c.req.valid("query");
    return c.json({ contacts: await services.profile.contacts(c.get("auth").user, q.query, q.limit) });
  });
}
