/**
 * The Files tree of one layer view, indexed so the renderer can ask for one directory at a time (a
 * 200,000-file image never crosses the transport whole) or for the matches of a search with their
 * ancestors. Directories that a change list implies but does not list are added.
 */
import type { FileChangeKind, FileRow, TreeQuery, TreeRow } from '../../shared/layers';

interface Node {
  name: string;
  path: string;
  row?: FileRow;
  children: Node[];
  bytes: number;
  changed: boolean;
}

export class TreeIndex {
  private readonly byPath = new Map<string, Node>();
  readonly root: Node;

  constructor(rows: FileRow[]) {
    this.root = { name: '/', path: '/', children: [], bytes: 0, changed: false };
    this.byPath.set('/', this.root);
    for (const r of rows) this.ensure(r.path).row = r;
    this.finish(this.root);
  }

  /** Paths in the view. */
  get size(): number {
    return this.byPath.size - 1;
  }

  private ensure(path: string): Node {
    // Walk up to the nearest known ancestor, then create the missing ones top down (no recursion:
    // paths can be thousands of levels deep).
    const missing: string[] = [];
    let p = path;
    let node = this.byPath.get(p);
    while (!node) {
      missing.push(p);
      const i = p.lastIndexOf('/');
      p = i <= 0 ? '/' : p.slice(0, i);
      node = this.byPath.get(p);
    }
    for (let k = missing.length - 1; k >= 0; k--) {
      const q = missing[k];
      const child: Node = { name: q.slice(q.lastIndexOf('/') + 1), path: q, children: [], bytes: 0, changed: false };
      node.children.push(child);
      this.byPath.set(q, child);
      node = child;
    }
    return node;
  }

  private finish(root: Node): void {
    // Iterative post-order: deep trees must not overflow the stack.
    const order: Node[] = [];
    const stack = [root];
    while (stack.length) {
      const n = stack.pop()!;
      order.push(n);
      for (const c of n.children) stack.push(c);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      let bytes = n.row && !(n.row.type === 'dir' && n.row.kind !== 'removed') ? n.row.size : 0;
      let changed = n.row !== undefined && n.row.kind !== 'unchanged';
      for (const c of n.children) {
        bytes += c.bytes;
        changed ||= c.changed;
      }
      n.bytes = bytes;
      n.changed = changed;
    }
  }

  private visibleChildren(n: Node, q: Pick<TreeQuery, 'sort' | 'hideUnchanged'>): Node[] {
    const kids = q.hideUnchanged ? n.children.filter((c) => c.changed) : n.children.slice();
    return kids.sort(q.sort === 'size' ? (a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name) : (a, b) => a.name.localeCompare(b.name));
  }

  private toRow(n: Node, q: Pick<TreeQuery, 'sort' | 'hideUnchanged'>, level?: number): TreeRow {
    const base: FileRow = n.row ?? { path: n.path, kind: 'unchanged', type: 'dir', size: 0 };
    return {
      ...base,
      name: n.name,
      bytes: n.bytes,
      childCount: q.hideUnchanged ? n.children.filter((c) => c.changed).length : n.children.length,
      hasChanges: n.changed,
      ...(level !== undefined ? { level } : {}),
    };
  }

  /** The children of each directory in `paths` (unknown paths get an empty list). */
  children(paths: string[], q: Pick<TreeQuery, 'sort' | 'hideUnchanged'>): Record<string, TreeRow[]> {
    const out: Record<string, TreeRow[]> = {};
    for (const p of paths) {
      const n = this.byPath.get(p);
      out[p] = n ? this.visibleChildren(n, q).map((c) => this.toRow(c, q)) : [];
    }
    return out;
  }

  /**
   * Nodes whose path contains `text` (case-insensitive) and whose change is one of `kinds` (all kinds when
   * empty), with their ancestors, depth first, at most `limit` matches.
   */
  search(text: string, kinds: FileChangeKind[], limit: number, q: Pick<TreeQuery, 'sort' | 'hideUnchanged'>): { rows: TreeRow[]; matches: number; truncated: boolean } {
    const t = text.trim().toLowerCase();
    const wanted = kinds.length ? new Set(kinds) : null;
    const keep = new Set<Node>();
    let matches = 0;
    let truncated = false;
    for (const n of this.byPath.values()) {
      if (n === this.root || (q.hideUnchanged && !n.changed)) continue;
      if (t && !n.path.toLowerCase().includes(t)) continue;
      if (wanted && !(n.row && wanted.has(n.row.kind))) continue;
      if (matches === limit) {
        truncated = true;
        break;
      }
      matches++;
      for (let p: string = n.path; p !== '/' && !keep.has(this.byPath.get(p)!); p = p.slice(0, Math.max(1, p.lastIndexOf('/')))) {
        keep.add(this.byPath.get(p)!);
      }
    }
    const rows: TreeRow[] = [];
    const walk = (n: Node, level: number) => {
      for (const c of this.visibleChildren(n, q)) {
        if (!keep.has(c)) continue;
        rows.push(this.toRow(c, q, level));
        walk(c, level + 1);
      }
    };
    walk(this.root, 1);
    return { rows, matches, truncated };
  }
}
