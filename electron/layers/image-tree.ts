/**
 * The Files tree of the whole image as of a layer, served straight from the stacked file system tree:
 * nothing is materialised up front but one pass of sizes, so the first level of a 200,000-file image is
 * ready in tens of milliseconds. Same answers as TreeIndex (tree-index.ts), which serves change lists.
 */
import type { FileChangeKind, FileRow, TreeQuery, TreeRow } from '../../shared/layers';
import type { FsNode, FsTree } from './tree';

type Order = Pick<TreeQuery, 'sort' | 'hideUnchanged'>;

export class ImageTree {

  /**
   * @param stack the image as of the layer
   * @param rowOf the row shown for a node (its change kind relative to the layer)
   * @param isChanged whether the layer added or modified a node (cheaper than building its row)
   */
  constructor(
    private readonly stack: FsTree,
    private readonly rowOf: (path: string, node: FsNode) => FileRow,
    isChanged: (node: FsNode) => boolean,
  ) {
    // One post-order pass: bytes below every node, and which subtrees hold a change.
    const order: FsNode[] = [stack.root];
    for (let i = 0; i < order.length; i++) {
      const n = order[i];
      if (n.children) for (const c of n.children.values()) order.push(c);
    }
    for (let i = order.length - 1; i >= 0; i--) {
      const n = order[i];
      let b = n.type === 'dir' ? 0 : n.size;
      let ch = n !== stack.root && isChanged(n);
      if (n.children) {
        for (const c of n.children.values()) {
          b += c.subtreeBytes ?? 0;
          ch ||= c.subtreeChanged === true;
        }
      }
      // Kept on the nodes (a view owns its stack: one per layer, the final one only for the top layer).
      n.subtreeBytes = b;
      n.subtreeChanged = ch;
    }
    this.size = order.length - 1;
  }

  /** Paths in the view. */
  readonly size: number;

  private kids(path: string, n: FsNode, q: Order): [string, FsNode][] {
    const out: [string, FsNode][] = [];
    for (const [name, c] of n.children ?? []) {
      if (q.hideUnchanged && !c.subtreeChanged) continue;
      out.push([path === '/' ? `/${name}` : `${path}/${name}`, c]);
    }
    const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);
    return out.sort(
      q.sort === 'size'
        ? (a, b) => (b[1].subtreeBytes ?? 0) - (a[1].subtreeBytes ?? 0) || name(a[0]).localeCompare(name(b[0]))
        : (a, b) => name(a[0]).localeCompare(name(b[0])),
    );
  }

  private toRow(path: string, n: FsNode, q: Order, level?: number): TreeRow {
    let childCount = 0;
    for (const c of n.children?.values() ?? []) if (!q.hideUnchanged || c.subtreeChanged) childCount++;
    return {
      ...this.rowOf(path, n),
      name: path.slice(path.lastIndexOf('/') + 1),
      bytes: n.subtreeBytes ?? 0,
      childCount,
      hasChanges: n.subtreeChanged === true,
      ...(level !== undefined ? { level } : {}),
    };
  }

  children(paths: string[], q: Order): Record<string, TreeRow[]> {
    const out: Record<string, TreeRow[]> = {};
    for (const p of paths) {
      const n = this.stack.get(p);
      out[p] = n ? this.kids(p, n, q).map(([cp, c]) => this.toRow(cp, c, q)) : [];
    }
    return out;
  }

  search(text: string, kinds: FileChangeKind[], limit: number, q: Order): { rows: TreeRow[]; matches: number; truncated: boolean } {
    const t = text.trim().toLowerCase();
    const wanted = kinds.length ? new Set(kinds) : null;
    const keep = new Set<FsNode>();
    let matches = 0;
    let truncated = false;
    // Depth first in display order; a match keeps its ancestors (the path stack).
    const rows: TreeRow[] = [];
    const pending: { path: string; node: FsNode; level: number; ancestors: [string, FsNode][] }[] = [];
    const pushKids = (path: string, node: FsNode, level: number, ancestors: [string, FsNode][]) => {
      const k = this.kids(path, node, q);
      for (let i = k.length - 1; i >= 0; i--) pending.push({ path: k[i][0], node: k[i][1], level, ancestors });
    };
    pushKids('/', this.stack.root, 1, []);
    while (pending.length && !truncated) {
      const { path, node, level, ancestors } = pending.pop()!;
      const row = this.rowOf(path, node);
      const hit = (!t || path.toLowerCase().includes(t)) && (!wanted || wanted.has(row.kind));
      if (hit) {
        if (matches === limit) {
          truncated = true;
          break;
        }
        matches++;
        ancestors.forEach(([ap, an], i) => {
          if (keep.has(an)) return;
          keep.add(an);
          rows.push(this.toRow(ap, an, q, i + 1));
        });
        keep.add(node);
        rows.push(this.toRow(path, node, q, level));
      }
      if (node.children?.size) pushKids(path, node, level + 1, [...ancestors, [path, node]]);
    }
    return { rows, matches, truncated };
  }
}
