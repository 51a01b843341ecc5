import { FOLDER_SEPARATOR } from "../../domain/folders.js";

/**
 * matchesListPattern says whether a mailbox name matches a LIST or LSUB pattern (RFC 3501 §6.3.8):
 * `*` matches any characters, `%` any but the hierarchy separator, everything else itself
 * (case-insensitively, as folder names compare in Sandpit). It walks the pattern once per name
 * character (O(name × pattern)): a regex of many `.*` backtracks exponentially on a name that does
 * not match, and one LIST of `****…*z` would hold the whole process.
 * @example matchesListPattern("Projects/Q3", "Projects/%") // true
 */
export function matchesListPattern(name: string, pattern: string): boolean {
  const n = [...name.toLowerCase()];
  const p = [...pattern.toLowerCase()];
  // can[j]: the pattern's first j characters match the name's first i characters (i as the loop goes).
  let can = new Array<boolean>(p.length + 1).fill(false);
  can[0] = true;
  for (let j = 1; j <= p.length; j++) can[j] = can[j - 1]! && (p[j - 1] === "*" || p[j - 1] === "%");
  for (let i = 1; i <= n.length; i++) {
    const c = n[i - 1]!;
    const next = new Array<boolean>(p.length + 1).fill(false);
    for (let j = 1; j <= p.length; j++) {
      const w = p[j - 1]!;
      if (w === "*" || (w === "%" && c !== FOLDER_SEPARATOR)) next[j] = next[j - 1]! || can[j]!;
      else if (w === "%") next[j] = next[j - 1]!;
      else next[j] = can[j - 1]! && w === c;
    }
    can = next;
  }
  return can[p.length]!;
}
