import type { SearchTerm } from "../../lib/search-query.js";
import { TRIGRAM } from "../sql/search-terms.js";

/** More trigrams than this narrow the candidates no further in practice; the LIKE confirms anyway. */
const MAX_TRIGRAMS = 32;

/**
 * trigramMatch is the FTS5 query that finds the candidates for a substring: every trigram of
 * `value`, each a quoted string (a `"` doubled), ANDed. Not a phrase: a table with detail='none'
 * keeps no positions, so its candidates are the rows holding all the trigrams somewhere, a
 * superset of the rows holding the substring, which the exact LIKE then confirms.
 * @param value a search term of at least TRIGRAM characters
 * @returns the MATCH expression, to be bound as a parameter
 * @example trigramMatch('a"bc') // '"a""b" AND """bc"'
 */
export function trigramMatch(value: string): string {
  const chars = Array.from(value);
  const grams = new Set<string>();
  for (let i = 0; i + TRIGRAM <= chars.length && grams.size < MAX_TRIGRAMS; i++) grams.add(chars.slice(i, i + TRIGRAM).join(""));
  return [...grams].map((g) => `"${g.replace(/"/g, '""')}"`).join(" AND ");
}

/** usesTextIndex tells whether any of a query's terms takes its candidates from the trigram index. */
export function usesTextIndex(terms: SearchTerm[] | undefined): boolean {
  return (terms ?? []).some((t) => t.kind === "text" && Array.from(t.value).length >= TRIGRAM);
}

/**
 * walkBeatsIndex tells whether a page is found faster by walking the mailbox in order than from
 * the index. The walk reads about (start + limit) * total / matches messages, each with one LIKE.
 * The index reads every candidate, each about twice the cost of one LIKE (a row, a mailbox row
 * and the LIKE, measured at 10,000 messages), and has no positions (detail='none'), so a phrase of
 * common words has many more candidates than matches: the walk wins from 4 * matches^2 on.
 * A page of every match (limit 0) always uses the index.
 * @param matches how many messages the query matches (the count query, run first)
 * @param total the mailbox's size, asked for only when the answer depends on it
 * @example walkBeatsIndex(9000, { start: 0, limit: 50 }, () => 10000) // true
 */
export function walkBeatsIndex(matches: number, q: { start: number; limit: number }, total: () => number): boolean {
  if (q.limit === 0 || matches === 0) return false;
  return (q.start + q.limit) * total() < 4 * matches * matches;
}
