import { Hono } from "hono";
import type { Deps } from "../../../deps.js";

/** healthRoutes: /healthz (the process is alive) and /readyz (Mailpit answers, index caught up). */
export function healthRoutes({ services }: Deps) {
  return new Hono()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", async (c) => c.json({ status: "ready", ...(await services.health.ready()) }));
}
