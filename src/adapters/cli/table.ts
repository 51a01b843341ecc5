/**
 * formatTable lays rows out in space-padded columns under a header, one line each.
 *
 * @param head - the column titles
 * @param rows - the cells, one array per row, in the same order as `head`
 * @returns the table, ending with a newline
 * @example
 * formatTable(["id", "email"], [["1", "a@b.test"]]); // "id  email\n1   a@b.test\n"
 */
export function formatTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [line(head), ...rows.map(line)].join("\n") + "\n";
}
