import { AppError } from "../errors.js";
import type { Poller } from "../index/poller.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store } from "../store/ports.js";

/** HealthService answers readiness: the store and Mailpit answer, and the index has caught up. */
export interface HealthService {
  /** ready throws UPSTREAM_UNAVAILABLE or NOT_READY, naming what is missing. */
  ready(): Promise<{ lastReconcile: string | null }>;
}

export function createHealthService({ store, mailpit, poller }: { store: Store; mailpit: MailpitClient; poller: Poller }): HealthService {
  return {
    async ready() {
      try {
        await store.ping();
      } catch (err) {
        throw new AppError("UPSTREAM_UNAVAILABLE", "the database is not reachable", undefined, { cause: err });
      }
      if (!(await mailpit.ready())) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit is not reachable");
      if (!poller.isCaughtUp()) throw new AppError("NOT_READY", "the index has not caught up with Mailpit yet");
      return { lastReconcile: (await poller.lastReconcile()) ?? null };
    },
  };
}
