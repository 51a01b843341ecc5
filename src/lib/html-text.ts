/**
 * The one HTML-to-text conversion: for search text, code extraction and link text. A tag stripper,
 * not a renderer: good for finding words, never shown as a message body.
 */

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: " ", "#39": "'" };

/** decodeEntities decodes named, decimal and hex HTML entities (unknown names stay as written). */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+\d*);/gi, (m, e: string) => {
    const lower = e.toLowerCase();
    try {
      if (lower.startsWith("#x")) return String.fromCodePoint(parseInt(lower.slice(2), 16));
      if (lower.startsWith("#")) return String.fromCodePoint(Number(lower.slice(1)));
    } catch {
      return m;
    }
    return ENTITIES[lower] ?? m;
  });
}

/**
 * htmlToText drops scripts, styles and the head, turns every tag into a space, decodes entities
 * and collapses whitespace.
 * @example htmlToText("<p>Code&nbsp;<b>481 516</b></p>") // "Code 481 516"
 */
export function htmlToText(html: string): string {
  const visible = html.replace(/<(script|style|head)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, " ").replace(/<[^>]*>/g, " ");
  return decodeEntities(visible).replace(/\s+/g, " ").trim();
}
