/** SQLite binds at most 32,766 values per statement: bulk writes and IN lists go in chunks. */
export const CHUNK = 500;

/** chunks splits a list for statements that bind one value (or row) per item. */
export function chunks<T>(items: T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
