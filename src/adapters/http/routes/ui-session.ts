import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { AppError } from "../../../errors.js";
import { LoginInputSchema, RegisterInputSchema, type PublicUser } from "../../../services/auth.js";
import type { Env } from "../auth.js";
import { jsonInput } from "../input.js";
import { activeTokenId, addSession, clearActive, csrfGuard, dropSession, sessionCookies, setActive } from "../session-cookie.js";
import { clientMeta } from "./auth.js";

const SwitchBody = z.object({ tokenId: z.string().min(1).max(64) }).strict();

/**
 * uiSessionRoutes: the web UI's sign-in, under /api/v1/ui. Tokens live in HttpOnly cookies (one
 * per signed-in account), never in the page's reach.
 */
export function uiSessionRoutes({ services, config }: Deps) {
  const auth = services.auth;
  /** accounts lists this browser's valid sessions and forgets the ones that no longer work. */
  const accounts = async (c: Parameters<typeof sessionCookies>[0]) => {
    const out: { tokenId: string; user: PublicUser }[] = [];
    for (const [tokenId, token] of sessionCookies(c)) {
      try {
        out.push({ tokenId, user: (await auth.me((await auth.authenticate(token)).user)).user });
      } catch {
        dropSession(c, tokenId);
      }
    }
    return out;
  };
  const signIn = (c: Parameters<typeof addSession>[0], session: { token: string; info: { id: string } }) => {
    addSession(c, session.info.id, session.token, config.auth.sessionDays);
  };
  const csrf = csrfGuard();
  return new Hono<Env>()
    .get("/config", (c) => c.json({ authMode: config.auth.mode, registration: config.auth.registration }))
    .post("/login", csrf, jsonInput(LoginInputSchema), async (c) => {
      const r = await auth.login(c.req.valid("json"), clientMeta(c, config.http.trustProxy));
      signIn(c, r);
      return c.json({ user: r.user });
    })
    .post("/register", csrf, jsonInput(RegisterInputSchema), async (c) => {
      const r = await auth.register(c.req.valid("json"), undefined, clientMeta(c, config.http.trustProxy));
      signIn(c, r);
      return c.json({ user: r.user }, 201);
    })
    .get("/accounts", async (c) => {
      const list = await accounts(c);
      const active = list.find((a) => a.tokenId === activeTokenId(c))?.tokenId ?? list[0]?.tokenId ?? null;
      if (active) setActive(c, active);
      return c.json({ active, accounts: list });
    })
    .post("/switch", csrf, jsonInput(SwitchBody), async (c) => {
      const { tokenId } = c.req.valid("json");
      if (!(await accounts(c)).some((a) => a.tokenId === tokenId)) throw new AppError("NOT_FOUND", "that account is not signed in here");
      setActive(c, tokenId);
      return c.json({ active: tokenId });
    })
    .post("/logout", csrf, async (c) => {
      const id = activeTokenId(c);
      const token = id ? sessionCookies(c).get(id) : undefined;
      if (id && token) {
        try {
          const who = await auth.authenticate(token);
          await auth.logout(who.user, clientMeta(c, config.http.trustProxy));
        } catch {
          // Already revoked or expired: forgetting the cookie is enough.
        }
        dropSession(c, id);
      }
      const next = (await accounts(c)).find((a) => a.tokenId !== id);
      if (next) setActive(c, next.tokenId);
      else clearActive(c);
      return c.json({ active: next?.tokenId ?? null });
    });
}
