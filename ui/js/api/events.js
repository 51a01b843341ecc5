/**
 * followEvents opens my live event stream (the session cookie decides whose): `new` with a
 * message summary, `changed` {change, IDs} for changes I made anywhere, `stats` with my counters.
 * EventSource reconnects by itself after a network error (`onOpen` runs again: events may have
 * been missed); `onClosed` runs when it gave up (the server refused it, e.g. a revoked session).
 * Returns a function that closes it.
 */
export function followEvents({ onNew, onChanged, onStats, onOpen, onClosed }) {
  const es = new EventSource("/api/v1/events");
  es.addEventListener("open", () => onOpen?.());
  es.addEventListener("error", () => {
    if (es.readyState === EventSource.CLOSED) onClosed?.();
  });
  const on = (name, fn) =>
    es.addEventListener(name, (e) => {
      try {
        fn?.(JSON.parse(e.data));
      } catch {
        // A malformed event is dropped: the next stats event brings the view back in line.
      }
    });
  on("new", onNew);
  on("changed", onChanged);
  on("stats", onStats);
  return () => es.close();
}
