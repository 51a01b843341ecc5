import type { EventBus } from "../events/bus.js";
import { AppError } from "../errors.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { MessageSummary } from "../mailpit/schemas.js";
import type { Store } from "../store/ports.js";
import { INDEX_VERSION, ownerAddresses, toIndexRow } from "./to-row.js";

/** MessageIndexer indexes single messages; any process may run it (DESIGN §2, §7). */
export interface MessageIndexer {
  /**
   * index fetches a message's content and source and upserts it with its owners. Idempotent and
   * shared: concurrent calls for one ID make one fetch, and a message is announced on the bus once
   * per user it is new to, however often it is indexed. Returns the owners.
   */
  index(summary: MessageSummary): Promise<number[]>;
  /** indexIfNew indexes a message unless this index version already has it (Mailpit's `new` event). */
  indexIfNew(summary: MessageSummary): Promise<void>;
  /** indexById indexes a message Sandpit just sent, found by its Message-ID, before the send returns. */
  indexById(id: string, messageId: string): Promise<void>;
}

/** createMessageIndexer indexes over the store, announcing arrivals on the bus. */
export function createMessageIndexer({ store, mailpit, bus }: { store: Store; mailpit: MailpitClient; bus: EventBus }): MessageIndexer {
  const inflight = new Map<string, Promise<number[]>>();
  const isKnown = async (id: string) => (await store.index.known([id], INDEX_VERSION)).has(id);

  function index(summary: MessageSummary): Promise<number[]> {
    const existing = inflight.get(summary.ID);
    if (existing) return existing;
    const p = (async () => {
      let message, raw;
      try {
        [message, raw] = await Promise.all([mailpit.getMessage(summary.ID), mailpit.getRaw(summary.ID)]);
      } catch (err) {
        // Deleted between list and fetch: nothing to index.
        if (err instanceof AppError && err.code === "NOT_FOUND") return [];
        throw err;
      }
      const granted = await store.index.upsert(toIndexRow({ summary, message, raw }), ownerAddresses(summary, raw));
      if (granted.added.length > 0) await bus.publish({ type: "new", id: summary.ID, users: granted.added });
      return granted.owners;
    })().finally(() => inflight.delete(summary.ID));
    inflight.set(summary.ID, p);
    return p;
  }

  return {
    index,
    async indexIfNew(summary) {
      if (inflight.has(summary.ID) || (await isKnown(summary.ID))) return;
      await index(summary);
    },
    async indexById(id, messageId) {
      if (await isKnown(id)) return;
      const page = await mailpit.searchByMessageId(messageId);
      const summary = page.find((m) => m.ID === id);
      if (!summary) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit accepted the message but cannot find it");
      await index(summary);
    },
  };
}
