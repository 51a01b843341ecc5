import type { Context } from "hono";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { ClientMeta } from "../../services/auth.js";

/** clientMeta records where a token was issued from (shown in the user's session list). */
export function clientMeta(c: Context, trustProxy: boolean): ClientMeta {
  // The last hop is the one our proxy added; the ones before it are the client's to write.
  const forwarded = trustProxy ? c.req.header("x-forwarded-for")?.split(",").at(-1)?.trim() : undefined;
  let ip = forwarded;
  if (!ip) {
    try {
      ip = getConnInfo(c).remote.address;
    } catch {
      ip = undefined;
    }
  }
  return { ip, userAgent: c.req.header("user-agent") };
}
