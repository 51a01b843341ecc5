import type { Logger } from "../lib/log.js";
import type { Store } from "../store/ports.js";
import type { AuditService } from "./audit.js";
import type { InboxService } from "./inboxes.js";

/** Maintenance is what the server does on timers: ending what has expired. Idempotent, so every replica may run it. */
export interface Maintenance {
  /** hourly deletes expired tokens, reset links and rate-limit counters, and audit rows past retention. */
  hourly(): Promise<void>;
  /** often ends throwaway inboxes whose time is up. */
  often(): Promise<void>;
  /** purgeExpiredTokens deletes tokens whose expiry has passed; how many. */
  purgeExpiredTokens(): Promise<number>;
}

export function createMaintenance({
  store,
  audit,
  inboxes,
  log,
}: {
  store: Store;
  audit: AuditService;
  inboxes: InboxService;
  log: Logger;
}): Maintenance {
  const step = async (what: string, fn: () => Promise<unknown>) => {
    try {
      await fn();
    } catch (err) {
      log.warn(`cannot ${what}`, { error: err as Error });
    }
  };
  const purgeExpiredTokens = () => store.tokens.purgeExpired(Date.now());
  return {
    purgeExpiredTokens,
    async hourly() {
      const now = Date.now();
      await step("purge expired tokens", purgeExpiredTokens);
      await step("drop expired reset links", () => store.secrets.dropResetsBefore(now));
      await step("purge rate-limit counters", () => store.limits.purge(now));
      await step("expire audit rows", () => audit.expire());
    },
    async often() {
      await step("end expired inboxes", () => inboxes.expire());
    },
  };
}
