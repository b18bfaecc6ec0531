/**
 * The image's file system as layers stack up: a tree of nodes, each remembering which layer wrote it.
 * Whiteouts remove a path with everything below it; opaque markers remove what lower layers put below a
 * directory (OCI image-spec, layer.md "Whiteouts").
 */
import { baseName, parentOf, type EntryType, type LayerEntry } from './entries';

/** A path of the stacked image: an entry's metadata, the layer that wrote it, and a directory's children. */
export interface FsNode extends Omit<LayerEntry, 'path' | 'type'> {
  type: Exclude<EntryType, 'whiteout' | 'opaque'>;
  /** Index of the layer that wrote this node last. -1 for directories no layer listed (implied parents). */
  layer: number;
  /** What that layer did to the path: index into KIND_CODES (added, modified, unchanged). */
  kind?: number;
  /** Bytes of this node and everything below it; filled by ImageTree for the view it serves. */
  subtreeBytes?: number;
  /** This node or one below it changed in that view; filled by ImageTree. */
  subtreeChanged?: boolean;
  children?: Map<string, FsNode>;
}

function dirNode(layer: number): FsNode {
  return { type: 'dir', size: 0, mode: 0o755, uid: 0, gid: 0, layer, children: new Map() };
}

export class FsTree {
  readonly root: FsNode = dirNode(-1);

  /** The node at an absolute path, if any. */
  get(path: string): FsNode | undefined {
    if (path === '/') return this.root;
    let node: FsNode | undefined = this.root;
    for (const seg of path.slice(1).split('/')) {
      node = node?.children?.get(seg);
      if (!node) return undefined;
    }
    return node;
  }

  /** The directory at `path`, created (as implied directories) where missing. */
  private ensureDir(path: string): FsNode {
    if (path === '/') return this.root;
    let node = this.root;
    for (const seg of path.slice(1).split('/')) {
      let next = node.children!.get(seg);
      if (!next || next.type !== 'dir') {
        next = dirNode(-1);
        node.children!.set(seg, next);
      }
      node = next;
    }
    return node;
  }

  /** Put an entry's node at its path and return it. A directory keeps its children; anything else replaces the path. */
  set(entry: LayerEntry, layer: number, kind?: number): FsNode | undefined {
    if (entry.path === '/') return undefined;
    const parent = this.ensureDir(parentOf(entry.path));
    const name = baseName(entry.path);
    const old = parent.children!.get(name);
    const node: FsNode = {
      type: entry.type as FsNode['type'],
      size: entry.size,
      mode: entry.mode,
      uid: entry.uid,
      gid: entry.gid,
      layer,
      ...(kind !== undefined ? { kind } : {}),
      ...(entry.linkname !== undefined ? { linkname: entry.linkname } : {}),
      ...(entry.hash !== undefined ? { hash: entry.hash } : {}),
    };
    if (node.type === 'dir') node.children = old?.type === 'dir' ? old.children : new Map();
    parent.children!.set(name, node);
    return node;
  }

  /** Remove a path and everything below it; returns the removed node. */
  remove(path: string): FsNode | undefined {
    const parent = this.get(parentOf(path));
    const name = baseName(path);
    const node = parent?.children?.get(name);
    if (node) parent!.children!.delete(name);
    return node;
  }

  /** Remove every child of a directory (an opaque whiteout); returns the removed children by name. */
  clear(path: string): [string, FsNode][] {
    const dir = this.get(path);
    if (!dir?.children) return [];
    const removed = [...dir.children.entries()];
    dir.children.clear();
    return removed;
  }

  /** Visit every node below `node` (depth first, parents before children) with its absolute path. */
  static walk(node: FsNode, path: string, visit: (path: string, node: FsNode) => void): void {
    // An explicit stack: layer trees can be deeper than the call stack allows.
    const stack: [string, FsNode][] = [];
    const pushChildren = (p: string, n: FsNode) => {
      if (!n.children) return;
      const kids = [...n.children];
      for (let i = kids.length - 1; i >= 0; i--) stack.push([p === '/' ? `/${kids[i][0]}` : `${p}/${kids[i][0]}`, kids[i][1]]);
    };
    pushChildren(path, node);
    while (stack.length) {
      const [p, n] = stack.pop()!;
      visit(p, n);
      pushChildren(p, n);
    }
  }

  /** Total bytes of a node and everything below it. */
  static bytes(node: FsNode): number {
    let total = node.size;
    FsTree.walk(node, '', (_p, n) => (total += n.size));
    return total;
  }

  /** Number of nodes below the root. */
  count(): number {
    let n = 0;
    FsTree.walk(this.root, '/', () => n++);
    return n;
  }
}
