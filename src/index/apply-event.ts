import type { Logger } from "../lib/log.js";
import { MessageSummarySchema } from "../mailpit/schemas.js";
import type { Store } from "../store/ports.js";
import type { MessageIndexer } from "./index-message.js";

/**
 * eventApplier applies one of Mailpit's websocket events to the index: a `new` message is indexed
 * at once (and handed to a relay waiting for it), a delete or a tag change is applied, and a prune
 * or truncate asks for a full walk. An event that cannot be applied asks for a quick walk or is
 * logged: events are hints, the walks are the truth (mailpit-api.md §0 #11).
 */
export function eventApplier(deps: {
  store: Store;
  indexer: MessageIndexer;
  log: Logger;
  reconcile: (full: boolean) => void;
}): (type: string, data: unknown) => void {
  const { store, indexer, log, reconcile } = deps;
  const quietly = (p: Promise<unknown>) =>
    p.catch((err: unknown) => log.warn("cannot apply a Mailpit event", { error: err instanceof Error ? err.message : String(err) }));
  return (type, data) => {
    if (type === "new") {
      const parsed = MessageSummarySchema.safeParse(data);
      if (parsed.success) indexer.indexIfNew(parsed.data).catch(() => reconcile(false));
    } else if (type === "delete") {
      const id = (data as { ID?: unknown } | null)?.ID;
      if (typeof id === "string") void quietly(store.index.remove([id]));
    } else if (type === "update") {
      const d = data as { ID?: unknown; Tags?: unknown } | null;
      if (typeof d?.ID === "string" && Array.isArray(d.Tags)) void quietly(store.index.setTags(d.ID, d.Tags.map(String)));
    } else if (type === "prune" || type === "truncate") {
      reconcile(true);
    }
  };
}
