import type { Logger } from "../lib/log.js";
import type { MailpitClient } from "../mailpit/client.js";
import type { MessageSummary } from "../mailpit/schemas.js";
import type { Store } from "../store/ports.js";
import type { MessageIndexer } from "./index-message.js";
import { eventApplier } from "./apply-event.js";
import { createCleanup } from "./cleanup.js";
import { connectEvents, type EventStream } from "./mailpit-events.js";
import { fullWalkDue } from "./schedule.js";
import { INDEX_VERSION } from "./to-row.js";

const PAGE = 500;
const CONCURRENCY = 8;
/** A message that failed to index is retried after 5 s, doubling up to 10 minutes. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 600_000;

/** Poller keeps the ownership index equal to Mailpit; one runs per deployment (DESIGN §2). */
export interface Poller {
  /**
   * start resumes from what is indexed (a quick walk: readiness does not wait for a full walk of
   * Mailpit), then walks everything in the background; it listens to events and arms the timer.
   * A stopped poller can start again (when its process regains the lease).
   */
  start(): void;
  stop(): Promise<void>;
  reconcile(full: boolean): Promise<void>;
  /** isCaughtUp is true once one reconcile has completed. */
  isCaughtUp(): boolean;
  lastReconcile(): Promise<string | undefined>;
}

/**
 * createPoller reconciles with Mailpit: a walk at start, after every websocket (re)connect, after
 * prune/truncate and on a timer; Mailpit's `new` events are indexed at once. Events are hints for
 * latency, the walks are the truth (mailpit-api.md §0 #11).
 */
export function createPoller(deps: {
  store: Store;
  mailpit: MailpitClient;
  indexer: MessageIndexer;
  mailpitUrl: () => string;
  log: Logger;
  reconcileMs: number;
}): Poller {
  const { store, mailpit, indexer, log } = deps;
  const cleanup = createCleanup({ store, mailpit, log });
  /** Messages that could not be indexed: retried by later walks, with backoff. */
  const failed = new Map<string, { attempts: number; retryAt: number }>();
  let caughtUp = false;
  let running: Promise<void> | undefined;
  let again = false;
  let againFull = false;
  let timer: NodeJS.Timeout | undefined;
  let events: EventStream | undefined;
  let stopped = false;

  /**
   * indexAll indexes a batch; one message that cannot be indexed is logged and set aside for a
   * later walk (with backoff), never a failed walk: the rest of the mail and readiness go on.
   */
  async function indexAll(summaries: MessageSummary[]): Promise<void> {
    const queue = [...summaries];
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        try {
          await indexer.index(s);
          failed.delete(s.ID);
        } catch (err) {
          setAside(s.ID, err);
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  }

  function setAside(id: string, err: unknown): void {
    const attempts = (failed.get(id)?.attempts ?? 0) + 1;
    const retryAt = Date.now() + Math.min(RETRY_BASE_MS * 2 ** (attempts - 1), RETRY_MAX_MS);
    failed.set(id, { attempts, retryAt });
    log.warn("cannot index a message; skipped, will retry", { id, attempts, error: err instanceof Error ? err.message : String(err) });
  }

  /** waiting tells whether a message failed recently and waits for its retry time. */
  const waiting = (id: string) => (failed.get(id)?.retryAt ?? 0) > Date.now();

  /**
   * walk pages through Mailpit's list, newest first, indexing unknown messages. A quick walk stops
   * at the first full page that is already indexed; a full walk reads everything and then removes
   * index rows for messages Mailpit no longer has.
   */
  async function walk(full: boolean): Promise<void> {
    const startedAt = Date.now();
    const seen = new Set<string>();
    for (let start = 0; ; start += PAGE) {
      const page = await mailpit.listMessages(start, PAGE);
      const known = await store.index.known(
        page.messages.map((m) => m.ID),
        INDEX_VERSION,
      );
      for (const m of page.messages) {
        seen.add(m.ID);
        // Tag renames and deletes arrive as an ID-less `prune`: refresh tags on full walks.
        const tags = JSON.stringify(m.Tags);
        if (full && known.has(m.ID) && known.get(m.ID) !== tags) await store.index.setTags(m.ID, m.Tags);
      }
      // Messages set aside after a failure wait for their retry time (and count as known here, so a
      // quick walk still stops at the newest fully indexed page).
      const unknown = page.messages.filter((m) => !known.has(m.ID) && !waiting(m.ID));
      await indexAll(unknown);
      if (page.messages.length < PAGE) break;
      if (!full && unknown.length === 0) break;
    }
    if (full) {
      const gone = (await store.index.idsIndexedBefore(startedAt)).filter((id) => !seen.has(id));
      await cleanup.removeVanished(gone);
    }
    await cleanup.purgeOrphans();
    await cleanup.dropStaleEnvelopes();
    await store.index.analyze();
    await store.index.setState(full ? "last_full_reconcile" : "last_reconcile", new Date().toISOString());
  }

  /** reconcile runs one walk at a time; a request during a walk runs one more walk after it. */
  function reconcile(full: boolean): Promise<void> {
    if (running) {
      again = true;
      againFull ||= full;
      return running;
    }
    running = (async () => {
      try {
        let nextFull = full;
        do {
          again = false;
          await walk(nextFull);
          caughtUp = true;
          nextFull = againFull;
          againFull = false;
        } while (again && !stopped);
      } finally {
        running = undefined;
      }
    })();
    return running;
  }

  function safeReconcile(full: boolean): void {
    reconcile(full).catch((err: unknown) =>
      log.warn("reconcile failed; will retry", { error: err instanceof Error ? err.message : String(err) }),
    );
  }

  const onEvent = eventApplier({ store, indexer, log, reconcile: safeReconcile });

  let tick = 0;
  return {
    start() {
      stopped = false;
      safeReconcile(false);
      safeReconcile(true);
      events = connectEvents({
        url: deps.mailpitUrl,
        log,
        onEvent,
        onOpen: () => {
          indexer.hearing(true);
          safeReconcile(false);
        },
        onClose: () => indexer.hearing(false),
      });
      const counts = async () => {
        const [upstream, indexed] = await Promise.all([mailpit.listMessages(0, 1), store.index.count()]);
        return { upstream: upstream.total, indexed };
      };
      timer = setInterval(() => void fullWalkDue(++tick, counts).then(safeReconcile), deps.reconcileMs);
      timer.unref();
    },
    async stop() {
      stopped = true;
      caughtUp = false;
      if (timer) clearInterval(timer);
      events?.close();
      indexer.hearing(false);
      await running?.catch(() => undefined);
    },
    reconcile,
    isCaughtUp: () => caughtUp,
    lastReconcile: async () => (await store.index.getState("last_reconcile")) ?? (await store.index.getState("last_full_reconcile")),
  };
}
