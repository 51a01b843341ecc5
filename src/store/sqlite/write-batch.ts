import type { Db } from "./client.js";

/**
 * writeBatcher runs the writes queued during one turn of the event loop in one transaction, so the
 * indexer's concurrent upserts share one commit (one WAL append instead of one each). Each write
 * runs in its own savepoint (better-sqlite3 nests transactions that way): one that throws is
 * rolled back alone and rejects alone. Promises settle after the commit.
 */
export function writeBatcher(db: Db): <T>(write: () => T) => Promise<T> {
  type Item = { write: () => unknown; resolve: (v: unknown) => void; reject: (e: unknown) => void };
  let queue: Item[] = [];
  const flush = () => {
    const batch = queue;
    queue = [];
    const settled: { ok: boolean; value: unknown }[] = [];
    try {
      db.$client.transaction(() => {
        for (const item of batch) {
          try {
            settled.push({ ok: true, value: db.$client.transaction(item.write)() });
          } catch (err) {
            settled.push({ ok: false, value: err });
          }
        }
      })();
    } catch (err) {
      for (const item of batch) item.reject(err);
      return;
    }
    batch.forEach((item, i) => (settled[i]!.ok ? item.resolve(settled[i]!.value) : item.reject(settled[i]!.value)));
  };
  return <T>(write: () => T) =>
    new Promise<T>((resolve, reject) => {
      if (queue.length === 0) setImmediate(flush);
      queue.push({ write, resolve: resolve as (v: unknown) => void, reject });
    });
}
