/**
 * An analysed image's flattened root filesystem, planned (rootfs.ts) and ready to write, reading the
 * files' bytes from the blob cache when it holds every layer at its full size, else from one more pass over
 * the image archive (layer-source.ts).
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import type tar from 'tar-stream';
import { finalTree, type Analysis } from './analyze';
import type { BlobCache } from './blob-cache';
import { archiveSource, fileSource } from './layer-source';
import { planRootfs, writeRootfs, type RootfsOptions } from './rootfs';
import type { FsNode } from './tree';

/** An image's flattened root filesystem, planned (LayersService.rootfs). */
export interface PreparedRootfs {
  /** Regular files it holds, and their bytes. */
  files: number;
  bytes: number;
  /** Hard links. */
  links: number;
  /** Paths left out, with why. */
  skipped: { path: string; why: string }[];
  /** The type of what the flattened tree holds at an absolute path, if anything. */
  has(path: string): FsNode['type'] | undefined;
  /** Write it into `pack`; resolves with where the files' bytes were read from. @throws as LayersService.rootfs. */
  write(pack: tar.Pack, opts: RootfsOptions): Promise<'blob cache' | 'image archive'>;
}

/** Plan `a`'s root filesystem; `open` streams the image archive (for layers the blob cache lacks). */
export function prepareRootfs(a: Analysis, blobs: BlobCache, open: () => Promise<Readable>): PreparedRootfs {
  const plan = planRootfs(a);
  const tree = finalTree(a);
  return {
    files: plan.files,
    bytes: plan.bytes,
    links: plan.links.length,
    skipped: plan.skipped,
    has: (path) => tree.get(path)?.type,
    write: async (pack, opts) => {
      const files: string[] = [];
      for (const l of a.report.layers) {
        const file = l.diffId && blobs.enabled ? blobs.file(l.diffId) : undefined;
        const size = file ? (await fs.promises.stat(file).catch(() => undefined))?.size : undefined;
        if (size === undefined || size !== l.tarBytes) break;
        files.push(file!);
      }
      const cached = files.length === a.report.layers.length;
      await writeRootfs(plan, pack, cached ? fileSource(files) : archiveSource(open, a.members), opts);
      return cached ? 'blob cache' : 'image archive';
    },
  };
}
