/**
 * oneAtATime queues items for `flush`, running one flush at a time: the items that arrive while
 * one runs (or in one turn of the event loop, when none runs) go to the next. A group commit's
 * shape: a burst costs a few flushes, a lone item one turn's wait. `take` picks which of the
 * queued items the next flush gets, leaving the rest for the one after (default: all of them).
 * `flush` settles its items itself and must not throw.
 */
export function oneAtATime<T>(
  flush: (items: T[]) => Promise<void>,
  take: (queued: T[]) => { now: T[]; later: T[] } = (q) => ({ now: q, later: [] }),
): (item: T) => void {
  let queue: T[] = [];
  let running = false;
  const kick = () => {
    if (running || queue.length === 0) return;
    running = true;
    setImmediate(() => {
      const { now, later } = take(queue);
      queue = later;
      void flush(now).finally(() => {
        running = false;
        kick();
      });
    });
  };
  return (item) => {
    queue.push(item);
    kick();
  };
}
