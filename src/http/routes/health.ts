import { Hono } from "hono";
import type { Deps } from "../../deps.js";
import { AppError } from "../../errors.js";

/** healthRoutes: /healthz (the process is alive) and /readyz (Mailpit answers, index caught up). */
export function healthRoutes({ mailpit, indexer }: Deps) {
  return new Hono()
    .get("/healthz", (c) => c.json({ status: "ok" }))
    .get("/readyz", async (c) => {
      if (!(await mailpit.ready())) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit is not reachable");
      if (!indexer.isCaughtUp()) throw new AppError("NOT_READY", "the index has not caught up with Mailpit yet");
      return c.json({ status: "ready", lastReconcile: indexer.lastReconcile() ?? null });
    });
}
