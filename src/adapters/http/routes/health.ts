import { Hono } from "hono";
import type { Deps } from "../../../deps.js";

/** healthRoutes: /healthz and /livez (the process is alive) and /readyz (store and Mailpit answer, index caught up). */
export function healthRoutes({ services }: Deps) {
  return (
    new Hono()
      .get("/healthz", (c) => c.json({ status: "ok" }))
      // Mailpit's name for the same probe: its clients (pytest-mailpit, cypress-mailpit) call it.
      .get("/livez", (c) => c.json({ status: "ok" }))
      .get("/readyz", async (c) => c.json({ status: "ready", ...(await services.health.ready()) }))
  );
}
