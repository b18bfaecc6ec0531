/**
 * Where the flattening (rootfs.ts) reads layer tars from: the blob cache's verified copies (blob-cache.ts),
 * one file per distinct layer, or — when any is missing — one more pass over the image archive (`docker
 * save`), taking each layer member as it passes.
 */
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { BerthError } from '../engine/errors';
import { memberName, peek } from './archive';
import { skipEntry, uncompressedTar } from './layer-tar';
import type { LayerSource } from './rootfs';

/** Group layer indexes by a key (two identical layers share one tar). */
function groupBy(keys: string[]): Map<string, number[]> {
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => groups.set(k, [...(groups.get(k) ?? []), i]));
  return groups;
}

/** Layer tars from files (the blob cache), `files[i]` holding layer i, read one after the other. */
export function fileSource(files: string[]): LayerSource {
  return {
    async each(visit) {
      for (const [file, layers] of groupBy(files)) await visit(layers, fs.createReadStream(file, { highWaterMark: 1 << 20 }));
    },
  };
}

/**
 * Layer tars from an image archive stream, `members[i]` being the archive member of layer i (as the
 * analysis resolved it: links followed). Compressed members (OCI layouts) are decompressed.
 * @throws BerthError `CorruptArchive` when the archive cannot be read.
 */
export function archiveSource(open: () => Promise<Readable>, members: string[]): LayerSource {
  return {
    async each(visit) {
      const groups = groupBy(members);
      const extract = tar.extract();
      extract.on('entry', (header, stream, next) => {
        const layers = header.type === 'file' ? groups.get(memberName(header.name)) : undefined;
        if (!layers) return skipEntry(stream, next);
        peek(stream as unknown as Readable, 512)
          .then(({ head, whole }) => visit(layers, uncompressedTar(head, whole)))
          .then(() => next(), (err: Error) => extract.destroy(err));
      });
      try {
        await pipeline(await open(), extract);
      } catch (err) {
        if (err instanceof BerthError) throw err;
        throw new BerthError('CorruptArchive', `the image archive could not be read: ${(err as Error).message}`);
      }
    },
  };
}
