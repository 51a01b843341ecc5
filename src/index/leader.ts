import type { Logger } from "../lib/log.js";
import type { Store } from "../store/ports.js";
import type { Poller } from "./poller.js";

/** Leader runs the poller in the one process that holds the store's lease (DESIGN §7). */
export interface Leader {
  isLeader(): boolean;
  /** settled is true once the first try for the lease has been answered (taken or not). */
  settled(): boolean;
  stop(): Promise<void>;
}

/**
 * lead tries for the lease every `retryMs`; the process that takes it starts the poller, and stops
 * it if the lease is lost (its database session ended). A replica killed with SIGKILL frees the
 * lease with its session, so another takes over within `retryMs`.
 */
export function lead({ store, poller, log, retryMs }: { store: Store; poller: Poller; log: Logger; retryMs: number }): Leader {
  let leading = false;
  let settled = false;
  let stopped = false;
  let release: (() => Promise<void>) | undefined;
  let timer: NodeJS.Timeout | undefined;

  const attempt = async (): Promise<void> => {
    if (stopped) return;
    try {
      const lease = await store.tryLead();
      settled = true;
      if (lease && !stopped) {
        leading = true;
        release = lease.release;
        log.info("this process holds the poller lease: indexing Mailpit");
        poller.start();
        await lease.lost;
        leading = false;
        release = undefined;
        if (!stopped) log.warn("the poller lease was lost; trying to take it again");
        await poller.stop();
      } else {
        await lease?.release();
      }
    } catch (err) {
      log.warn("cannot try for the poller lease", { error: err instanceof Error ? err.message : String(err) });
    }
    if (!stopped) timer = setTimeout(() => void attempt(), retryMs);
  };
  void attempt();

  return {
    isLeader: () => leading,
    settled: () => settled,
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await poller.stop();
      await release?.();
    },
  };
}
