/**
 * Pure helpers for the Files tree: turn a flat list of FileRows into a tree (adding the directories above
 * each row that the list does not carry), filter and sort it, and flatten the expanded part into the
 * rows a virtualized view shows.
 */
import type { FileChangeKind, FileRow } from '../../../shared/layers';

export interface TreeNode {
  name: string;
  path: string;
  /** The row for this path, if the list had one; directories implied by deeper rows have none. */
  row?: FileRow;
  children: TreeNode[];
  /** Bytes of this node and everything below it. */
  bytes: number;
  /** Some node at or below this one is added, modified or removed. */
  changed: boolean;
}

export interface TreeOptions {
  /** Show only nodes whose path contains this text (case-insensitive), with their ancestors. */
  text?: string;
  /** Show only these change kinds (ancestors of matches are kept). Empty or undefined: all. */
  kinds?: FileChangeKind[];
  /** Drop subtrees with no change at all. */
  hideUnchanged?: boolean;
  sort?: 'name' | 'size';
}

export function buildTree(rows: FileRow[]): TreeNode {
  const root: TreeNode = { name: '/', path: '/', children: [], bytes: 0, changed: false };
  const byPath = new Map<string, TreeNode>([['/', root]]);
  const ensure = (path: string): TreeNode => {
    const found = byPath.get(path);
    if (found) return found;
    const i = path.lastIndexOf('/');
    const parent = ensure(i <= 0 ? '/' : path.slice(0, i));
    const node: TreeNode = { name: path.slice(i + 1), path, children: [], bytes: 0, changed: false };
    parent.children.push(node);
    byPath.set(path, node);
    return node;
  };
  for (const r of rows) ensure(r.path).row = r;
  const finish = (n: TreeNode): void => {
    let bytes = n.row?.type === 'dir' && n.row.kind !== 'removed' ? 0 : (n.row?.size ?? 0);
    let changed = n.row !== undefined && n.row.kind !== 'unchanged';
    for (const c of n.children) {
      finish(c);
      bytes += c.bytes;
      changed ||= c.changed;
    }
    n.bytes = bytes;
    n.changed = changed;
  };
  finish(root);
  return root;
}

/** A filtered, sorted copy of the tree (the root is always kept). */
export function filterTree(root: TreeNode, opts: TreeOptions): TreeNode {
  const text = opts.text?.trim().toLowerCase() ?? '';
  const kinds = opts.kinds?.length ? new Set(opts.kinds) : null;
  const keep = (n: TreeNode): TreeNode | null => {
    const children = n.children.map(keep).filter((c): c is TreeNode => c !== null);
    if (opts.hideUnchanged && !n.changed) return null;
    const self = (!text || n.path.toLowerCase().includes(text)) && (!kinds || (n.row !== undefined && kinds.has(n.row.kind)));
    if (!self && children.length === 0 && n.path !== '/') return null;
    const sorted = children.sort(opts.sort === 'size' ? (a, b) => b.bytes - a.bytes || a.name.localeCompare(b.name) : (a, b) => a.name.localeCompare(b.name));
    return { ...n, children: sorted };
  };
  return keep(root) ?? { ...root, children: [] };
}

export interface VisibleNode {
  node: TreeNode;
  /** 1 for top-level entries. */
  level: number;
  /** Position among siblings, 1-based, and their count (aria-posinset / aria-setsize). */
  pos: number;
  setSize: number;
  expanded: boolean;
}

/** The nodes to show, depth first, descending only into expanded directories. */
export function flatten(root: TreeNode, expanded: ReadonlySet<string>): VisibleNode[] {
  const out: VisibleNode[] = [];
  const walk = (n: TreeNode, level: number) => {
    n.children.forEach((c, i) => {
      const open = c.children.length > 0 && expanded.has(c.path);
      out.push({ node: c, level, pos: i + 1, setSize: n.children.length, expanded: open });
      if (open) walk(c, level + 1);
    });
  };
  walk(root, 1);
  return out;
}

/** Every directory path in the tree (for "expand all"). */
export function allDirs(root: TreeNode): Set<string> {
  const dirs = new Set<string>();
  const walk = (n: TreeNode) => {
    if (n.children.length) dirs.add(n.path);
    n.children.forEach(walk);
  };
  walk(root);
  return dirs;
}
