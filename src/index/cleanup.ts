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
  /** dropStaleEnvelopes forgets envelopes no message claimed within a day (their relay failed). */
  dropStaleEnvelopes(): Promise<void>;
}

/** An envelope whose message never appeared is kept this long, in case Mailpit has it after all. */
const PENDING_ENVELOPE_MS = 86_400_000;

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

    async dropStaleEnvelopes() {
      const dropped = await store.envelopes.dropPendingBefore(Date.now() - PENDING_ENVELOPE_MS);
      if (dropped > 0) log.info("dropped envelopes whose message never arrived", { dropped });
    },

    async purgeOrphans() {
      for (const id of await store.index.orphans()) {
        await mailpit.deleteMessage(id);
        await store.index.remove([id]);
      }
    },
  };
}
