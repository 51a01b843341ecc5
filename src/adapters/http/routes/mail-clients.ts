import { Hono } from "hono";
import { z } from "zod";
import type { Deps } from "../../../deps.js";
import { autoconfigXml } from "../../../lib/autoconfig.js";
import { EmailSchema } from "../../../lib/addresses.js";
import type { Env } from "../auth.js";
import { clientMeta } from "../client-meta.js";
import { jsonInput, queryInput } from "../input.js";

const CheckInputSchema = z.object({ username: z.string().max(254).optional(), password: z.string().min(1).max(1024) }).strict();
const AutoconfigQuery = z.object({ emailaddress: EmailSchema });

/** requestHost is the host name (no port) this request reached Sandpit by; the host guard has vetted it. */
const requestHost = (url: string) => new URL(url).hostname.replace(/^\[|\]$/g, "") || undefined;

/**
 * mailClientRoutes: my mail-client settings. `GET /api/v1/mail-clients` (IMAP, POP3 and SMTP host,
 * port, security, username) and `POST /api/v1/mail-clients/check` (a real IMAP login against
 * Sandpit's own IMAP door, listing the folders it sees).
 */
export function mailClientRoutes({ services, config }: Deps) {
  return new Hono<Env>()
    .get("/", (c) => c.json(services.mailClients.settings(c.get("auth").user, requestHost(c.req.url))))
    .post("/check", jsonInput(CheckInputSchema), async (c) =>
      c.json(await services.mailClients.checkImap(c.get("auth").user, c.req.valid("json"), clientMeta(c, config.http.trustProxy).ip)),
    );
}

/**
 * autoconfigRoutes: Thunderbird's autoconfig (`/.well-known/autoconfig/mail/config-v1.1.xml` and
 * `/mail/config-v1.1.xml`, `?emailaddress=`), without a token: it tells only how to reach the doors,
 * never whether an address has an account.
 */
export function autoconfigRoutes({ services }: Deps) {
  const serve = new Hono<Env>().get("/config-v1.1.xml", queryInput(AutoconfigQuery), (c) => {
    const domain = c.req.valid("query").emailaddress.split("@").pop()!;
    c.header("content-type", "application/xml; charset=utf-8");
    return c.body(autoconfigXml(domain, services.mailClients.doors(requestHost(c.req.url))));
  });
  return new Hono<Env>().route("/.well-known/autoconfig/mail", serve).route("/mail", serve);
}
