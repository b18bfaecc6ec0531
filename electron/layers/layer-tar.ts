/**
 * Read one layer tar as a stream — uncompressed, gzip (including eStargz, which is concatenated gzip
 * members) or zstd, told apart by magic bytes — into its entries (entries.ts). File contents are hashed
 * (xxHash64, content-hash.ts) as they pass and never held: memory grows with the number of entries, not with the layer's bytes.
 */
import { pipeline } from 'node:stream/promises';
import { PassThrough, Transform, type Readable, type Writable } from 'node:stream';
import zlib from 'node:zlib';
import { Decompress } from 'fzstd';
import tar from 'tar-stream';
import { writeOrWait } from '../flow/write';
import { BerthError } from '../engine/errors';
import { contentHashers } from './content-hash';
import { classify, normalizePath, type LayerContent, type LayerEntry } from './entries';

const GZIP_MAGIC = [0x1f, 0x8b];
/**
 * eStargz metadata entries: the table of contents and the prefetch landmarks. They describe the layer and
 * are not part of the image's file system (containerd/stargz-snapshotter, docs/estargz.md).
 */
const ESTARGZ_METADATA = new Set(['/stargz.index.json', '/.prefetch.landmark', '/.no.prefetch.landmark']);
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];

export function detectCompression(head: Uint8Array): LayerContent['compression'] {
  const starts = (m: number[]) => m.every((b, i) => head[i] === b);
  if (starts(GZIP_MAGIC)) return 'gzip';
  if (starts(ZSTD_MAGIC)) return 'zstd';
  return 'none';
}

/** True when `head` (≥ 262 bytes) carries a tar header's `ustar` magic at offset 257. */
export function looksLikeTar(head: Uint8Array): boolean {
  return head.length >= 262 && Buffer.from(head.subarray(257, 262)).toString('latin1') === 'ustar';
}

/** zstd decompression as a Node Transform (fzstd's streaming decoder). */
function zstdStream(): Transform {
  const state: { decoder?: Decompress } = {};
  const t = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        state.decoder!.push(chunk);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done) {
      try {
        state.decoder!.push(new Uint8Array(0), true);
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
  state.decoder = new Decompress((data) => {
    t.push(Buffer.from(data));
  });
  return t;
}

/** Drain a tar entry nobody reads, then move on to the next one. */
export function skipEntry(stream: { on(event: 'end' | 'error', listener: () => void): unknown; resume(): unknown }, next: () => void): void {
  stream.on('end', () => next());
  // An entry cut short (a truncated tar) errors as well as its extractor, whose pipeline reports it once:
  // without a listener here, that second 'error' became an uncaught exception.
  stream.on('error', () => undefined);
  stream.resume();
}

/** `whole` when given (a stream that starts with `head`), else a stream of `head` alone. */
function input(head: Buffer, whole?: Readable): Readable {
  if (whole) return whole;
  const only = new PassThrough();
  only.end(head);
  return only;
}

function decompressor(compression: LayerContent['compression']): Transform[] {
  if (compression === 'gzip') return [zlib.createGunzip()];
  if (compression === 'zstd') return [zstdStream()];
  return [];
}

/**
 * A layer as its uncompressed tar: `whole` (a stream starting with `head`, the bytes already looked at to
 * sniff the format), gunzipped or zstd-decoded as its magic bytes say.
 */
export function uncompressedTar(head: Buffer, whole?: Readable): Readable {
  const source = input(head, whole);
  const steps = decompressor(detectCompression(head));
  if (!steps.length) return source;
  const out = steps[0]!;
  source.once('error', (err) => out.destroy(err));
  return source.pipe(out);
}

/**
 * The contents of some regular files of a layer tar, each cut at `maxBytes` (+1 byte, so a caller can
 * tell it was cut). Files absent from the layer are absent from the result.
 * @throws BerthError `CorruptArchive` naming `label`.
 */
export async function readLayerFiles(label: string, head: Buffer, whole: Readable | undefined, paths: Set<string>, maxBytes: number): Promise<Map<string, { size: number; data: Buffer }>> {
  const found = new Map<string, { size: number; data: Buffer }>();
  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const { path, type } = classify(header.name, header.type);
    if (type !== 'file' || !paths.has(path)) return skipEntry(stream, next);
    const chunks: Buffer[] = [];
    let have = 0;
    stream.on('data', (c) => {
      if (have > maxBytes) return;
      chunks.push(c as Buffer);
      have += (c as Buffer).length;
    });
    stream.on('end', () => {
      found.set(path, { size: header.size ?? 0, data: Buffer.concat(chunks).subarray(0, maxBytes + 1) });
      next();
    });
  });
  try {
    await pipeline([input(head, whole), ...decompressor(detectCompression(head)), extract] as unknown as [Readable, ...NodeJS.WritableStream[]]);
  } catch (err) {
    throw new BerthError('CorruptArchive', `layer ${label} could not be read: ${(err as Error).message}`);
  }
  return found;
}

/**
 * An entry's pax records (tar-stream keeps them on `header.pax`). Go's archive/tar (Docker) writes uid/gid
 * above the ustar header's 8 octal digits (2097151) only there, leaving the header's field 0, and tar-stream
 * applies only path, linkpath and size itself.
 */
function paxOf(header: { pax?: unknown }): Record<string, string | undefined> {
  return (header.pax ?? {}) as Record<string, string | undefined>;
}

/** A pax `uid`/`gid` record as a number: decimal digits only; anything else is ignored (undefined). */
function paxId(value: string | undefined): number | undefined {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return undefined;
  return Number(value);
}

/**
 * Parse a layer tar from `whole`, a stream of the layer whose first bytes `head` the caller has already
 * looked at (to sniff the format). Pass the whole layer as `head` and no `whole` for a buffered layer.
 * `keep`, when given, receives a copy of the uncompressed tar (for the blob cache); it is not ended here.
 * @throws BerthError `CorruptArchive` naming `label` when the layer cannot be decompressed or parsed.
 */
export async function readLayerTar(label: string, head: Buffer, whole?: Readable, keep?: Writable): Promise<LayerContent> {
  const compression = detectCompression(head);
  const hasher = await contentHashers();
  const entries: LayerEntry[] = [];
  let tarBytes = 0;

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    const { path, type } = classify(header.name, header.type);
    const entry: LayerEntry = {
      path,
      type,
      size: type === 'file' ? (header.size ?? 0) : 0,
      mode: (header.mode ?? 0) & 0o7777,
      uid: paxId(paxOf(header).uid) ?? header.uid ?? 0,
      gid: paxId(paxOf(header).gid) ?? header.gid ?? 0,
    };
    if (type === 'symlink' && header.linkname) entry.linkname = header.linkname;
    if (type === 'hardlink' && header.linkname) entry.linkname = normalizePath(header.linkname);
    const metadata = compression === 'gzip' && ESTARGZ_METADATA.has(path);
    if ((path !== '/' || type === 'opaque') && !metadata) entries.push(entry);
    if (type === 'file') {
      // tar-stream 3 sets `byteOffset` on every header: where the entry's content starts in the tar.
      const offset = (header as { byteOffset?: number }).byteOffset;
      if (offset !== undefined) entry.offset = offset;
      const hash = hasher();
      stream.on('data', (c) => hash.update(c as Buffer));
      stream.on('end', () => {
        entry.hash = hash.hex();
        next();
      });
    } else {
      skipEntry(stream, next);
    }
  });

  const source = input(head, whole);
  const decompress = decompressor(compression);
  const tarStream: Readable = decompress[0] ?? source;
  try {
    if (keep) {
      // One more hop that counts the uncompressed tar and copies it to `keep`, waiting when `keep` is behind;
      // a `keep` that failed (a full disk) or closed is left behind, never waited for.
      const copy = new Transform({
        transform(chunk: Buffer, _e, cb) {
          tarBytes += chunk.length;
          writeOrWait(keep, chunk, () => cb(null, chunk));
        },
      });
      await pipeline([source, ...decompress, copy, extract] as unknown as [Readable, ...NodeJS.WritableStream[]]);
    } else {
      const done = pipeline([source, ...decompress, extract] as unknown as [Readable, ...NodeJS.WritableStream[]]);
      // Count the uncompressed tar as it flows to the parser (attached after piping, so nothing is missed).
      tarStream.on('data', (c: Buffer) => (tarBytes += c.length));
      await done;
    }
  } catch (err) {
    throw new BerthError('CorruptArchive', `layer ${label} could not be read (${compression === 'none' ? 'tar' : compression}): ${(err as Error).message}`);
  }
  return { entries, tarBytes, compression };
}
