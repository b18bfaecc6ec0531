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
    const rows: TreeRow[] = [];
    const shown = new Set<Node>();
    let matches = 0;
    let truncated = false;
    // Depth first in display order, so "the first N matches" are the first N a person would see.
    const pending: { node: Node; level: number; ancestors: Node[] }[] = [];
    const pushKids = (n: Node, level: number, ancestors: Node[]) => {
      const k = this.visibleChildren(n, q);
      for (let i = k.length - 1; i >= 0; i--) pending.push({ node: k[i], level, ancestors });
    };
    pushKids(this.root, 1, []);
    while (pending.length) {
      const { node, level, ancestors } = pending.pop()!;
      const hit = (!t || node.path.toLowerCase().includes(t)) && (!wanted || (node.row !== undefined && wanted.has(node.row.kind)));
      if (hit) {
        if (matches === limit) {
          truncated = true;
          break;
        }
        matches++;
        ancestors.forEach((an, i) => {
          if (shown.has(an)) return;
          shown.add(an);
          rows.push(this.toRow(an, q, i + 1));
        });
        shown.add(node);
        rows.push(this.toRow(node, q, level));
      }
      if (node.children.length) pushKids(node, level + 1, [...ancestors, node]);
    }
    return { rows, matches, truncated };
  }
}
