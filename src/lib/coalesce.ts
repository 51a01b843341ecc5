import { oneAtATime } from "./one-at-a-time.js";

/**
 * coalesce merges lookups by key: the calls made while one load runs (or in one turn of the event
 * loop, when none runs) share the next load, one query over all their keys instead of one each.
 * Each caller gets the entries for its own keys. A load that fails rejects every call it served.
 *
 * @example const known = coalesce((ids: string[]) => store.known(ids)); await known(["a"]);
 */
export function coalesce<K, V>(load: (keys: K[]) => Promise<Map<K, V>>): (keys: readonly K[]) => Promise<Map<K, V>> {
  type Call = { keys: readonly K[]; resolve: (m: Map<K, V>) => void; reject: (e: unknown) => void };
  const queue = oneAtATime<Call>(async (calls) => {
    try {
      const found = await load([...new Set(calls.flatMap((c) => c.keys))]);
      for (const c of calls) c.resolve(new Map(c.keys.flatMap((k) => (found.has(k) ? [[k, found.get(k)!] as const] : []))));
    } catch (err) {
      for (const c of calls) c.reject(err);
    }
  });
  return (keys) => new Promise((resolve, reject) => queue({ keys, resolve, reject }));
}
