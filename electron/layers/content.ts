/**
 * A file's content as of a layer, and its previous version, for preview and diff: which layer wrote the
 * visible version (following hardlinks, stopping at whiteouts and opaque directories), then one more pass
 * over the image's save stream that reads only those layers' wanted files, at most PREVIEW_LIMIT bytes each.
 */
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { PREVIEW_LIMIT, type FileVersion } from '../../shared/layers';
import { BerthError } from '../engine/errors';
import type { Analysis } from './analyze';
import { memberName, peek } from './archive';
import type { LayerEntry } from './entries';
import { entryAt } from './file-info';
import { readLayerFiles, skipEntry } from './layer-tar';
import type { BlobCache } from './blob-cache';
import { contentHash } from './content-hash';

/** The regular file visible at `path` as of layer `upTo`: the layer that wrote it and its entry. */
export function locate(a: Analysis, path: string, upTo: number, hops = 0): { layer: number; path: string; entry: LayerEntry } | undefined {
  const own = entryAt(a, path, upTo);
  if (!own) return undefined;
  if (own.entry.type === 'hardlink' && own.entry.linkname && hops < 8) return locate(a, own.entry.linkname, own.layer, hops + 1);
  return own.entry.type === 'file' ? { layer: own.layer, path, entry: own.entry } : undefined;
}

/** Read the wanted files (archive member → paths) from an image archive stream. */
export async function readFromArchive(stream: Readable, wants: Map<string, Set<string>>): Promise<Map<string, Map<string, { size: number; data: Buffer }>>> {
  const out = new Map<string, Map<string, { size: number; data: Buffer }>>();
  const extract = tar.extract();
  extract.on('entry', (header, entry, next) => {
    const name = memberName(header.name);
    const paths = wants.get(name);
    if (!paths || header.type !== 'file') return skipEntry(entry, next);
    peek(entry as unknown as Readable, 512)
      .then(({ head, whole }) => readLayerFiles(name, head, whole, paths, PREVIEW_LIMIT))
      .then((files) => {
        out.set(name, files);
        next();
      }, (err: Error) => extract.destroy(err));
  });
  try {
    await pipeline(stream, extract);
  } catch (err) {
    if (err instanceof BerthError) throw err;
    throw new BerthError('CorruptArchive', `the image archive could not be read: ${(err as Error).message}`);
  }
  return out;
}

/** A version for the preview: text when it decodes as UTF-8 without NUL bytes. */
export function toVersion(layer: number, size: number, data: Buffer): FileVersion {
  const truncated = size > PREVIEW_LIMIT;
  const body = data.subarray(0, PREVIEW_LIMIT);
  if (body.subarray(0, 8000).includes(0)) return { layer, size, binary: true, truncated };
  try {
    // `stream: true` tolerates a multi-byte character cut at the preview limit.
    const text = new TextDecoder('utf-8', { fatal: true }).decode(body, { stream: truncated });
    return { layer, size, binary: false, truncated, text };
  } catch {
    return { layer, size, binary: true, truncated };
  }
}

/**
 * The files' bytes (at most PREVIEW_LIMIT + 1 each) from the layer blobs, or undefined when any blob is
 * missing, evicted, truncated or wrong (its tar header is not where the entry says, or a whole file's
 * xxHash64 differs from the analysis's): a wrong blob is removed, and the caller reads the save stream.
 */
export async function readFromBlobs<F extends { layer: number; entry: LayerEntry }>(blobs: BlobCache, a: Analysis, found: F[]): Promise<Map<F, { size: number; data: Buffer }> | undefined> {
  const out = new Map<F, { size: number; data: Buffer }>();
  for (const f of found) {
    const { diffId, tarBytes } = a.report.layers[f.layer] ?? {};
    const { offset, size, hash } = f.entry;
    if (!diffId || offset === undefined || offset < 512) return undefined;
    const length = Math.min(size, PREVIEW_LIMIT + 1);
    // The 512-byte tar header just before the content, then the content.
    const bytes = await blobs.read(diffId, tarBytes, offset - 512, 512 + length);
    if (!bytes) return undefined;
    const data = bytes.subarray(512);
    const headerOk = bytes.subarray(257, 262).toString('latin1') === 'ustar';
    if (!headerOk || (length === size && (await contentHash(data)) !== hash)) {
      await blobs.drop(diffId);
      return undefined;
    }
    out.set(f, { size, data });
  }
  return out;
}
