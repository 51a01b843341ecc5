import { AppError } from "../errors.js";
import type { Leader } from "../index/leader.js";
import type { Poller } from "../index/poller.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store } from "../store/ports.js";

/** HealthService answers readiness: the store and Mailpit answer, and the index has caught up. */
export interface HealthService {
  /** ready throws UPSTREAM_UNAVAILABLE or NOT_READY, naming what is missing. */
  ready(): Promise<{ lastReconcile: string | null; leader: boolean }>;
}

/**
 * The replica that leads is caught up once its own first walk is done; the others when any leader
 * has ever completed one (the index is shared state). Neither answers before its first try for
 * the lease, so readiness never goes from ready to not ready as a replica starts.
 */
export function createHealthService(deps: { store: Store; mailpit: MailpitClient; poller: Poller; leader: Leader }): HealthService {
  const { store, mailpit, poller, leader } = deps;
  return {
    async ready() {
      try {
        await store.ping();
      } catch (err) {
        throw new AppError("UPSTREAM_UNAVAILABLE", "the database is not reachable", undefined, { cause: err });
      }
      if (!(await mailpit.ready())) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit is not reachable");
      // Until this replica knows whether it leads, it cannot say which of the two rules applies:
      // answering ready from the shared state and then not, once it leads and walks, would flap.
      if (!leader.settled()) throw new AppError("NOT_READY", "this replica has not yet tried for the poller's lease");
      const lastReconcile = (await poller.lastReconcile()) ?? null;
      const caughtUp = leader.isLeader() ? poller.isCaughtUp() : lastReconcile !== null;
      if (!caughtUp) throw new AppError("NOT_READY", "the index has not caught up with Mailpit yet");
      return { lastReconcile, leader: leader.isLeader() };
    },
  };
}
