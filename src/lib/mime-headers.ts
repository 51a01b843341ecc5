/**
 * Reading the header section of a raw message (RFC 5322 §2.2): the lines up to the first empty
 * line, where a line that starts with a space or tab continues the field before it.
 */

/** headerEnd is the offset just after the header section's last line (before the blank line). */
export function headerEnd(raw: Buffer): number {
  const crlf = raw.indexOf("\r\n\r\n");
  const lf = raw.indexOf("\n\n");
  if (crlf === -1 && lf === -1) return raw.length;
  if (crlf === -1) return lf + 1;
  if (lf === -1) return crlf + 2;
  return Math.min(crlf + 2, lf + 1);
}

/** rawFields splits a header section into its fields, each with its folded lines and line ends. */
export function rawFields(head: string): string[] {
  const fields: string[] = [];
  for (const line of head.split(/(?<=\n)/)) {
    if (/^[ \t]/.test(line) && fields.length > 0) fields[fields.length - 1] += line;
    else if (line !== "") fields.push(line);
  }
  return fields;
}

/**
 * headerValues returns the unfolded values of every field named `name` (case-insensitive), in
 * order. The header bytes are read as UTF-8 (RFC 6532 allows it; ASCII is unchanged).
 * @example headerValues(raw, "to") // ["alice@x.test, Bob <bob@x.test>"]
 */
export function headerValues(raw: Buffer, name: string): string[] {
  const head = raw.subarray(0, headerEnd(raw)).toString("utf8");
  const prefix = new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\-]/g, "\\$&")}[ \\t]*:`, "i");
  return rawFields(head)
    .filter((f) => prefix.test(f))
    .map((f) =>
      f
        .slice(f.indexOf(":") + 1)
        .replace(/\r?\n(?=[ \t])/g, "")
        .trim(),
    );
}
