/**
 * Rows of a table folded under group headers (a Compose stack's containers under their stack, as Docker
 * Desktop and Podman Desktop show them): pure logic, no React.
 */

/** One line of a grouped table: a group's header, or a row (inside a group or loose). */
export type Entry<T> = { kind: 'group'; key: string; rows: T[]; expanded: boolean } | { kind: 'row'; row: T; group: string | undefined };

/**
 * The lines of a grouped table. A group sits where its first member sits in `sorted` (so sorting the
 * table moves whole groups), followed by its members in sorted order unless it is collapsed; rows
 * without a group stay where they are.
 * @param sorted rows in display order.
 * @param groupOf a row's group key, or undefined for a loose row.
 * @param collapsed keys of collapsed groups.
 */
export function withGroups<T>(sorted: readonly T[], groupOf: (row: T) => string | undefined, collapsed: ReadonlySet<string>): Entry<T>[] {
  const members = new Map<string, T[]>();
  for (const row of sorted) {
    const key = groupOf(row);
    if (key !== undefined) {
      const list = members.get(key);
      if (list) list.push(row);
      else members.set(key, [row]);
    }
  }
  const out: Entry<T>[] = [];
  const placed = new Set<string>();
  for (const row of sorted) {
    const key = groupOf(row);
    if (key === undefined) {
      out.push({ kind: 'row', row, group: undefined });
      continue;
    }
    if (placed.has(key)) continue;
    placed.add(key);
    const rows = members.get(key)!;
    const expanded = !collapsed.has(key);
    out.push({ kind: 'group', key, rows, expanded });
    if (expanded) for (const r of rows) out.push({ kind: 'row', row: r, group: key });
  }
  return out;
}
