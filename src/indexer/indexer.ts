import { EventEmitter } from "node:events";
import type { Db } from "../db/client.js";
import {
  getIndexerState,
  indexedIdsBefore,
  knownIds,
  knownTags,
  orphanIds,
  removeMessages,
  setIndexerState,
  setMessageTags,
  upsertMessage,
} from "../db/repos/messages.js";
import { AppError } from "../errors.js";
import type { Logger } from "../lib/log.js";
import type { MailpitClient } from "../mailpit/client.js";
import { MessageSummarySchema, type MessageSummary } from "../mailpit/schemas.js";
import { connectEvents, type EventStream } from "./events.js";
import { INDEX_VERSION, ownerAddresses, toIndexRow, type Fetched } from "./to-row.js";

const PAGE = 500;
const CONCURRENCY = 4;
/** Removal candidates are double-checked upstream one by one, up to this many per reconcile. */
const VERIFY_LIMIT = 200;
/** A message that failed to index is retried after 5 s, doubling up to 10 minutes. */
const RETRY_BASE_MS = 5_000;
const RETRY_MAX_MS = 600_000;

/** IndexedEvent is emitted once a message is in the index, with the users who own it. */
export interface IndexedEvent {
  id: string;
  owners: number[];
}

export type Indexer = ReturnType<typeof createIndexer>;

/**
 * createIndexer keeps the ownership index equal to Mailpit (DESIGN §2): a reconcile walk at start,
 * after every websocket (re)connect, after prune/truncate and on a timer; `new` events indexed at
 * once. Indexing is an idempotent upsert, so replays and restarts are harmless.
 */
export function createIndexer(deps: {
  db: Db;
  mailpit: MailpitClient;
  mailpitUrl: () => string;
  log: Logger;
  reconcileMs: number;
}) {
  const { db, mailpit, log } = deps;
  const emitter = new EventEmitter();
  emitter.setMaxListeners(0);
  const inflight = new Map<string, Promise<number[]>>();
  /** Messages that could not be indexed: retried by later walks, with backoff. */
  const failed = new Map<string, { attempts: number; retryAt: number }>();
  let caughtUp = false;
  let running: Promise<void> | undefined;
  let again = false;
  let againFull = false;
  let timer: NodeJS.Timeout | undefined;
  let events: EventStream | undefined;
  let stopped = false;

  /** indexSummary fetches the message's content and upserts it; concurrent calls share one fetch. */
  function indexSummary(summary: MessageSummary): Promise<number[]> {
    const existing = inflight.get(summary.ID);
    if (existing) return existing;
    const p = (async () => {
      let fetched: Fetched;
      try {
        const [message, raw] = await Promise.all([mailpit.getMessage(summary.ID), mailpit.getRaw(summary.ID)]);
        fetched = { summary, message, raw };
      } catch (err) {
        // Deleted between list and fetch: nothing to index.
        if (err instanceof AppError && err.code === "NOT_FOUND") return [];
        throw err;
      }
      const owners = upsertMessage(db, toIndexRow(fetched), ownerAddresses(summary, fetched.raw));
      failed.delete(summary.ID);
      emitter.emit("indexed", { id: summary.ID, owners } satisfies IndexedEvent);
      return owners;
    })().finally(() => inflight.delete(summary.ID));
    inflight.set(summary.ID, p);
    return p;
  }

  /**
   * indexAll indexes a batch; one message that cannot be indexed is logged and set aside for a
   * later walk (with backoff), never a failed walk: the rest of the mail and readiness go on.
   */
  async function indexAll(summaries: MessageSummary[]): Promise<void> {
    const queue = [...summaries];
    const worker = async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        try {
          await indexSummary(s);
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
      const known = knownTags(db, page.messages.map((m) => m.ID), INDEX_VERSION);
      for (const m of page.messages) {
        seen.add(m.ID);
        // Tag renames and deletes arrive as an ID-less `prune`: refresh tags on full walks.
        const tags = JSON.stringify(m.Tags);
        if (full && known.has(m.ID) && known.get(m.ID) !== tags) setMessageTags(db, m.ID, m.Tags);
      }
      // Messages set aside after a failure wait for their retry time (and count as known here, so a
      // quick walk still stops at the newest fully indexed page).
      const unknown = page.messages.filter((m) => !known.has(m.ID) && !waiting(m.ID));
      await indexAll(unknown);
      if (page.messages.length < PAGE) break;
      if (!full && unknown.length === 0) break;
    }
    if (full) {
      const gone = indexedIdsBefore(db, startedAt).filter((id) => !seen.has(id));
      await removeVanished(gone);
    }
    await purgeOrphans();
    setIndexerState(db, full ? "last_full_reconcile" : "last_reconcile", new Date().toISOString());
  }

  /** removeVanished confirms absence upstream (the walk can miss rows that shift) and un-indexes. */
  async function removeVanished(ids: string[]): Promise<void> {
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
    const removed = removeMessages(db, [...confirmed, ...ids.slice(VERIFY_LIMIT)]);
    if (removed > 0) log.info("indexer removed messages Mailpit no longer has", { removed });
  }

  /** purgeOrphans deletes upstream the messages every owner has deleted (e.g. after an outage). */
  async function purgeOrphans(): Promise<void> {
    for (const id of orphanIds(db)) {
      await mailpit.deleteMessage(id);
      removeMessages(db, [id]);
    }
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

  function onEvent(type: string, data: unknown): void {
    if (type === "new") {
      const parsed = MessageSummarySchema.safeParse(data);
      if (parsed.success) {
        indexSummary(parsed.data).catch(() => safeReconcile(false));
      }
    } else if (type === "delete") {
      const id = (data as { ID?: unknown } | null)?.ID;
      if (typeof id === "string") removeMessages(db, [id]);
    } else if (type === "update") {
      const d = data as { ID?: unknown; Tags?: unknown } | null;
      if (typeof d?.ID === "string" && Array.isArray(d.Tags)) setMessageTags(db, d.ID, d.Tags.map(String));
    } else if (type === "prune" || type === "truncate") {
      safeReconcile(true);
    }
  }

  let tick = 0;
  return {
    /** start runs the first full reconcile in the background, listens to events, arms the timer. */
    start(): void {
      safeReconcile(true);
      events = connectEvents({
        url: deps.mailpitUrl,
        log,
        onEvent,
        onOpen: () => safeReconcile(false),
      });
      timer = setInterval(() => safeReconcile(++tick % 10 === 0), deps.reconcileMs);
      timer.unref();
    },
    async stop(): Promise<void> {
      stopped = true;
      if (timer) clearInterval(timer);
      events?.close();
      await running?.catch(() => undefined);
    },
    reconcile,
    /** indexById indexes a message Sandpit just sent, before the send call returns. */
    async indexById(id: string, messageId: string): Promise<number[]> {
      if (knownIds(db, [id], INDEX_VERSION).has(id)) return [];
      const page = await mailpit.searchByMessageId(messageId);
      const summary = page.find((m) => m.ID === id);
      if (!summary) throw new AppError("UPSTREAM_UNAVAILABLE", "Mailpit accepted the message but cannot find it");
      return indexSummary(summary);
    },
    /** isCaughtUp is true once one reconcile has completed. */
    isCaughtUp: () => caughtUp,
    lastReconcile: () => getIndexerState(db, "last_reconcile") ?? getIndexerState(db, "last_full_reconcile"),
    onIndexed(listener: (e: IndexedEvent) => void): () => void {
      emitter.on("indexed", listener);
      return () => emitter.off("indexed", listener);
    },
  };
}
