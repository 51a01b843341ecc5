import { AppError } from "../errors.js";
import type { Logger } from "../lib/log.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { Store } from "../store/ports.js";

/** Removal candidates are double-checked upstream one by one, up to this many per reconcile. */
const VERIFY_LIMIT = 200;

/** Cleanup keeps the index from holding what Mailpit lost, and Mailpit from holding what nobody keeps. */
export interface Cleanup {
  /** removeVanished confirms absence upstream (a walk can miss rows that shift) and un-indexes. */
  removeVanished(ids: string[]): Promise<void>;
  /** purgeOrphans deletes upstream the messages every owner has deleted (e.g. after an outage). */
  purgeOrphans(): Promise<void>;
}

export function createCleanup({ store, mailpit, log }: { store: Store; mailpit: MailpitClient; log: Logger }): Cleanup {
  return {
    async removeVanished(ids) {
      if (ids.length === 0) return;
      const confirmed: string[] = [];
      for (const id of ids.slice(0, VERIFY_LIMIT)) {
        try {
          await mailpit.getHeaders(id);
        } catch (err) {
          if (err instanceof AppError && err.code === "NOT_FOUND") confirmed.push(id);
          else throw err;
        }
      }
      const removed = await store.index.remove([...confirmed, ...ids.slice(VERIFY_LIMIT)]);
      if (removed > 0) log.info("indexer removed messages Mailpit no longer has", { removed });
    },

    async purgeOrphans() {
      for (const id of await store.index.orphans()) {
        await mailpit.deleteMessage(id);
        await store.index.remove([id]);
      }
    },
  };
}
