/**
 * An image's root filesystem, flattened: the layers stacked exactly as the engine stacks them (whiteouts
 * and opaque directories applied, OCI image-spec layer.md "Whiteouts"), written as one tar stream. The
 * analysis's final tree already knows every surviving path, the layer that wrote it and its metadata; so
 * the flattening is planned from it, and the layer tars are read once more only for the bytes of the
 * files that survive (matched by their offset in the layer tar, which the analysis recorded). Memory grows
 * with the number of paths, never with the image's bytes.
 *
 * Order of the output, so that any tar reader can take it in one pass: every directory, symlink and FIFO
 * first (parents before children, with their final mode and owner), then the regular files layer by
 * layer, then hard links (their targets are all written by then).
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { BerthError } from '../engine/errors';
import { put, type EntryHeader } from '../files/tar-entry';
import { finalTree, type Analysis } from './analyze';
import { locate } from './content';
import { classify } from './entries';
import { skipEntry } from './layer-tar';
import { FsTree, type FsNode } from './tree';

/** One surviving regular file's bytes: the layer tar and offset they sit at, and the path that gets them. */
interface Content {
  path: string;
  node: FsNode;
}

/** What the flattened root filesystem holds, and how to write it. */
export interface RootfsPlan {
  /** Directories, symlinks and FIFOs, parents before children. */
  meta: { path: string; node: FsNode }[];
  /** Per layer index: offset of a file's content in the uncompressed layer tar → the path written with it. */
  content: Map<number, Map<number, Content>>;
  /** Hard links: path → the path (written as a file before) it links to. */
  links: { path: string; target: string; node: FsNode }[];
  /** Paths left out, with why (device nodes: their major/minor numbers are not kept by the analysis). */
  skipped: { path: string; why: string }[];
  /** Regular files written (hard links not counted). */
  files: number;
  /** Bytes of regular-file content written. */
  bytes: number;
}

/**
 * Plan the flattened root filesystem of an analysed image.
 * A hard link whose target was later replaced or removed keeps the content the target had when the link
 * was made (overlayfs shares the inode): that content is written under the link's own path.
 */
export function planRootfs(a: Analysis): RootfsPlan {
  const tree = finalTree(a);
  const plan: RootfsPlan = { meta: [], content: new Map(), links: [], skipped: [], files: 0, bytes: 0 };
  const contentOf = (layer: number) => plan.content.get(layer) ?? plan.content.set(layer, new Map()).get(layer)!;
  const hardlinks: { path: string; node: FsNode }[] = [];
  // Per layer, the offset each final file path was written at (a tar may hold a path twice: the last wins).
  const wanted = new Map<string, FsNode>();
  FsTree.walk(tree.root, '/', (path, node) => {
    if (node.type === 'dir' || node.type === 'symlink' || node.type === 'fifo') plan.meta.push({ path, node });
    else if (node.type === 'file') wanted.set(path, node);
    else if (node.type === 'hardlink') hardlinks.push({ path, node });
    else plan.skipped.push({ path, why: `${node.type === 'char' ? 'character' : 'block'} device node` });
  });
  a.entries.forEach((entries, layer) => {
    const at = new Map<string, number>();
    for (const e of entries) {
      if (e.type !== 'file' || e.offset === undefined) continue;
      const node = wanted.get(e.path);
      if (!node || node.layer !== layer) continue;
      const map = contentOf(layer);
      const before = at.get(e.path);
      if (before !== undefined) map.delete(before);
      at.set(e.path, e.offset);
      map.set(e.offset, { path: e.path, node });
    }
  });
  for (const map of plan.content.values())
    for (const c of map.values()) {
      plan.files++;
      plan.bytes += c.node.size;
    }
  for (const { path, node } of hardlinks) {
    const source = node.linkname ? locate(a, node.linkname, node.layer) : undefined;
    if (!source || source.entry.offset === undefined) {
      plan.skipped.push({ path, why: `hard link to ${node.linkname ?? '?'}, which no layer holds` });
      continue;
    }
    const map = contentOf(source.layer);
    const primary = map.get(source.entry.offset);
    if (primary) plan.links.push({ path, target: primary.path, node });
    else {
      // The target was replaced or removed above: this path keeps the old bytes.
      map.set(source.entry.offset, { path, node: { ...node, type: 'file', size: source.entry.size } });
      plan.files++;
      plan.bytes += source.entry.size;
    }
  }
  return plan;
}

/** A tar entry name for an absolute path: relative, as `docker export` writes them. */
function nameOf(path: string): string {
  return path.slice(1);
}

/** Owner, mode and time fields of a header for a node. */
function attrs(node: FsNode, mtime: Date): Pick<EntryHeader, 'mode' | 'uid' | 'gid' | 'mtime'> {
  return { mode: node.mode, uid: node.uid, gid: node.gid, mtime };
}

/**
 * The layer tars to read the files' bytes from. `each` calls `visit` once per layer tar (uncompressed),
 * with the layer indexes it is the tar of (one tar can be several identical layers), in any order, and
 * resolves when all were visited; `visit` consumes the stream.
 */
export interface LayerSource {
  each(visit: (layers: number[], tar: Readable) => Promise<void>): Promise<void>;
}

/** Progress and cancellation of a flattening. */
export interface RootfsOptions {
  signal?: AbortSignal;
  /** Regular-file bytes written so far, and in all (plan.bytes). */
  onProgress?(bytes: number, total: number): void;
  /** Modification time of every entry (the analysis keeps none): the image's creation time. */
  mtime: Date;
  /** Absolute paths left out (the caller writes its own there; a tar with a path twice is refused by tar2sqfs). */
  omit?: ReadonlySet<string>;
}

/**
 * Write the planned root filesystem into `pack` (left open: the caller may add entries and finalizes it).
 * `read` streams the uncompressed tar of the layers (blob cache or the image archive).
 * @throws BerthError `Cancelled` when `signal` aborts, `CorruptArchive` when a layer tar no longer holds a
 *   planned file (the blob or archive changed since the analysis).
 */
export async function writeRootfs(plan: RootfsPlan, pack: tar.Pack, sources: LayerSource, opts: RootfsOptions): Promise<void> {
  const { mtime, signal } = opts;
  const omit = opts.omit ?? new Set<string>();
  let done = 0;
  const check = () => {
    if (signal?.aborted) throw new BerthError('Cancelled', 'cancelled');
  };
  for (const { path, node } of plan.meta) {
    check();
    if (omit.has(path)) continue;
    if (node.type === 'dir') await put(pack, { name: nameOf(path), type: 'directory', ...attrs(node, mtime) });
    else if (node.type === 'symlink') await put(pack, { name: nameOf(path), type: 'symlink', linkname: node.linkname ?? '', ...attrs(node, mtime) });
    else await put(pack, { name: nameOf(path), type: 'fifo', ...attrs(node, mtime) });
  }
  const visited = new Set<number>();
  await sources.each(async (layers, source) => {
    const wanted = new Map<number, Content>();
    for (const l of layers) {
      visited.add(l);
      for (const [off, c] of plan.content.get(l) ?? []) wanted.set(off, c);
    }
    check();
    const stop = () => source.destroy(new BerthError('Cancelled', 'cancelled'));
    signal?.addEventListener('abort', stop, { once: true });
    const found = new Set<number>();
    const extract = tar.extract();
    extract.on('entry', (header, stream, next) => {
      const offset = (header as { byteOffset?: number }).byteOffset;
      const c = offset === undefined ? undefined : wanted.get(offset);
      if (!c || classify(header.name, header.type).type !== 'file' || signal?.aborted) return skipEntry(stream, next);
      found.add(offset!);
      if (omit.has(c.path)) return skipEntry(stream, next);
      const counted = stream as unknown as Readable;
      counted.on('data', (chunk: Buffer) => {
        done += chunk.length;
        opts.onProgress?.(done, plan.bytes);
      });
      put(pack, { name: nameOf(c.path), type: 'file', size: header.size ?? 0, ...attrs(c.node, mtime) }, counted).then(() => next(), (err: Error) => extract.destroy(err));
    });
    try {
      await pipeline(source, extract);
    } catch (err) {
      signal?.removeEventListener('abort', stop);
      check();
      if (err instanceof BerthError) throw err;
      throw new BerthError('CorruptArchive', `layer ${layers.join(', ')} could not be read: ${(err as Error).message}`);
    }
    signal?.removeEventListener('abort', stop);
    if (found.size !== wanted.size) throw new BerthError('CorruptArchive', `layer ${layers.join(', ')} no longer holds ${wanted.size - found.size} of the files the analysis found in it: analyse the image again`);
  });
  const missing = [...plan.content.keys()].filter((l) => plan.content.get(l)!.size && !visited.has(l));
  if (missing.length) throw new BerthError('CorruptArchive', `the image archive no longer holds layer ${missing.join(', ')}: analyse the image again`);
  for (const { path, target, node } of plan.links) {
    check();
    if (omit.has(path) || omit.has(target)) continue;
    await put(pack, { name: nameOf(path), type: 'link', linkname: nameOf(target), ...attrs(node, mtime) });
  }
}
