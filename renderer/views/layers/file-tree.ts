/**
 * Pure helpers for the Files tree: the rows to show, from directories loaded level by level
 * (`layers.tree`) or from a search answer (`layers.search`, rows in depth-first order with levels).
 */
import { modeString, ownerString } from '../../../shared/file-mode';
import type { TreeRow } from '../../../shared/layers';
import { formatBytes } from '../../format';

export interface VisibleRow {
  row: TreeRow;
  /** 1 for top-level entries. */
  level: number;
  /** Position among siblings, 1-based, and their count (aria-posinset / aria-setsize). */
  pos: number;
  setSize: number;
  expanded: boolean;
  /** Expanded, but its children have not arrived yet. */
  loading: boolean;
}

/** Depth first from the root, descending into expanded directories whose children are loaded. */
export function flattenLoaded(children: ReadonlyMap<string, TreeRow[]>, expanded: ReadonlySet<string>): VisibleRow[] {
  const out: VisibleRow[] = [];
  const walk = (path: string, level: number) => {
    const kids = children.get(path) ?? [];
    kids.forEach((row, i) => {
      const open = row.childCount > 0 && expanded.has(row.path);
      out.push({ row, level, pos: i + 1, setSize: kids.length, expanded: open, loading: open && !children.has(row.path) });
      if (open) walk(row.path, level + 1);
    });
  };
  walk('/', 1);
  return out;
}

/** Search results, all open: positions among the siblings that matched (siblings share a parent path). */
export function flattenSearch(rows: TreeRow[]): VisibleRow[] {
  const out: VisibleRow[] = rows.map((row) => ({ row, level: row.level ?? 1, pos: 0, setSize: 0, expanded: false, loading: false }));
  const byParent = new Map<string, VisibleRow[]>();
  for (const v of out) {
    const parent = v.row.path.slice(0, Math.max(1, v.row.path.lastIndexOf('/')));
    const group = byParent.get(parent) ?? [];
    group.push(v);
    byParent.set(parent, group);
  }
  for (const g of byParent.values()) g.forEach((v, i) => Object.assign(v, { pos: i + 1, setSize: g.length }));
  for (let i = 0; i < out.length; i++) out[i].expanded = i + 1 < out.length && out[i + 1].level > out[i].level;
  return out;
}

/** Type words for the accessible name. */
const TYPE_WORDS: Record<TreeRow['type'], string> = { file: 'file', dir: 'directory', symlink: 'symlink', hardlink: 'hard link', char: 'character device', block: 'block device', fifo: 'FIFO' };

/**
 * The item's accessible name: name (with a symlink's target or a hard link's partner), type, change
 * (with what a modification changed), size, then mode and owner as `ls -ln` prints them.
 */
export function describeRow(r: TreeRow): string {
  const what = r.type === 'hardlink' && r.linkname ? `hard link to ${r.linkname}` : TYPE_WORDS[r.type];
  const link = r.type === 'symlink' && r.linkname ? ` → ${r.linkname}` : '';
  const meta = r.mode !== undefined ? `, ${modeString(r.type, r.mode)}` : '';
  const owner = r.uid !== undefined && r.gid !== undefined ? `, ${ownerString(r.uid, r.gid)}` : '';
  return `${r.name}${link}, ${what}, ${r.kind}${modifiedWhat(r)}, ${formatBytes(r.bytes)}${meta}${owner}`;
}

/** " (content, mode)" for a modified row: what differs from the version below. */
export function modifiedWhat(r: TreeRow): string {
  return r.kind === 'modified' && r.changed?.length ? ` (${r.changed.join(', ')})` : '';
}
