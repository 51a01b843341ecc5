/**
 * IMAP sequence sets (RFC 3501 §9 `sequence-set`): `1:3,5,7:*`, over message sequence numbers or
 * UIDs. `*` is the largest number in use; `n:m` is the same set as `m:n`.
 */

/** SequenceSet is a parsed set: inclusive ranges, `Infinity` standing for `*`. */
export type SequenceSet = { from: number; to: number }[];

const NUMBER = /^[1-9]\d{0,9}$/;

/**
 * parseSequenceSet reads a set, or returns undefined when it is not one (the caller answers BAD).
 * @example parseSequenceSet("1:3,5,*") // [{from: 1, to: 3}, {from: 5, to: 5}, {from: Infinity, to: Infinity}]
 */
export function parseSequenceSet(s: string): SequenceSet | undefined {
  const out: SequenceSet = [];
  for (const part of s.split(",")) {
    const ends = part.split(":");
    if (ends.length > 2) return undefined;
    const nums = ends.map((e) => (e === "*" ? Infinity : NUMBER.test(e) ? Number(e) : NaN));
    if (nums.some((n) => Number.isNaN(n) || (Number.isFinite(n) && n > 0xffffffff))) return undefined;
    const [a, b = a] = nums as [number, number?];
    out.push({ from: Math.min(a, b!), to: Math.max(a, b!) });
  }
  return out;
}

/**
 * contains says whether `n` is in the set, `*` being `max` (the largest number in use). As RFC 3501
 * says for UID sets, `n:*` with n above max still names max.
 */
export function contains(set: SequenceSet, n: number, max: number): boolean {
  return set.some(({ from, to }) => {
    const lo = from === Infinity ? max : from;
    const hi = to === Infinity ? max : to;
    return Math.min(lo, hi) <= n && n <= Math.max(lo, hi);
  });
}

/** bounds is the smallest and largest number the set can name, for a range query of the index. */
export function bounds(set: SequenceSet, max: number): { min: number; max: number } {
  const fix = (n: number) => (n === Infinity ? max : n);
  const ends = set.flatMap(({ from, to }) => [fix(from), fix(to)]);
  return { min: Math.min(...ends), max: Math.max(...ends) };
}
