/**
 * Read an image archive (`docker save` / `podman save` output, kaniko `--tarPath`, an OCI layout tar) as
 * one stream, in one pass: small members are kept (JSON documents: manifest.json, index.json, configs,
 * OCI manifests), everything that is a tar (plain, gzip or zstd) is read as a layer as it passes, and
 * links between members (Podman's `<id>/layer.tar` → `<diffid>.tar`) are recorded. Which members are
 * the image's layers, and in what order, is decided afterwards from the manifests (layout.ts): engines
 * write layers before the manifest that orders them.
 */
import path from 'node:path/posix';
import { PassThrough, Transform, type Readable, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tar from 'tar-stream';
import { BerthError } from '../engine/errors';
import type { LayerContent } from './entries';
import { detectCompression, looksLikeTar, readLayerTar, skipEntry } from './layer-tar';

/** Members up to this size are buffered whole and sniffed; larger ones stream straight into the layer reader. */
export const BUFFER_LIMIT = 4 << 20;

export interface RawArchive {
  /** Parsed JSON members by archive path (`manifest.json`, `blobs/sha256/<hex>`, …). */
  docs: Map<string, unknown>;
  /** Layers read, by archive path. */
  layers: Map<string, LayerContent>;
  /** Symlinks and hardlinks between members: archive path → target archive path. */
  links: Map<string, string>;
  /** Bytes of the archive read. */
  bytes: number;
}

export interface ReadOptions {
  signal?: AbortSignal;
  /** Called as archive bytes are consumed. */
  onProgress?(bytesRead: number): void;
  /** Asked for each layer member: a stream to receive a copy of its uncompressed tar (blob cache), or none. */
  keep?(member: string): Writable | undefined;
}

/** An archive member's name as manifests refer to it: normalised, without a leading `./` or `/`. */
export function memberName(name: string): string {
  return path.normalize(name).replace(/^(\.\/|\/)+/, '');
}

async function readWhole(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const c of stream) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/**
 * At least the first `n` bytes of a stream (fewer if it ends), and one stream of all its bytes, those
 * first ones included, to hand on (a single pass-through, so each byte crosses one extra hop only).
 */
export function peek(stream: Readable, n: number): Promise<{ head: Buffer; whole: Readable }> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    let have = 0;
    const finish = (ended: boolean) => {
      stream.off('data', onData);
      stream.off('end', onEnd);
      stream.pause();
      const head = Buffer.concat(parts);
      const whole = new PassThrough();
      whole.write(head);
      if (ended) whole.end();
      else stream.pipe(whole);
      resolve({ head, whole });
    };
    const onData = (c: Buffer) => {
      parts.push(c);
      have += c.length;
      if (have >= n) finish(false);
    };
    const onEnd = () => finish(true);
    stream.on('data', onData);
    stream.once('end', onEnd);
    stream.once('error', reject);
  });
}

/**
 * Read every member of an image archive.
 * @throws BerthError `CorruptArchive` when the outer tar or a layer is truncated or not a
 *   tar, `Cancelled` when `signal` aborts.
 */
export async function readArchive(source: Readable, opts: ReadOptions = {}): Promise<RawArchive> {
  const docs = new Map<string, unknown>();
  const layers = new Map<string, LayerContent>();
  const links = new Map<string, string>();
  let bytes = 0;
  let sawEntry = false;

  const extract = tar.extract();
  extract.on('entry', (header, stream, next) => {
    sawEntry = true;
    const name = memberName(header.name);
    const done = (err?: unknown) => (err ? extract.destroy(err as Error) : next());
    if (header.type === 'symlink' || header.type === 'link') {
      const target = header.linkname ?? '';
      links.set(name, header.type === 'symlink' ? path.normalize(path.join(path.dirname(name), target)) : memberName(target));
      return skipEntry(stream, done);
    }
    if (header.type !== 'file' || !header.size) return skipEntry(stream, done);
    const work = async () => {
      if (header.size! <= BUFFER_LIMIT) {
        const buf = await readWhole(stream as unknown as Readable);
        if (buf[0] === 0x7b /* { */ || buf[0] === 0x5b /* [ */) {
          try {
            docs.set(name, JSON.parse(buf.toString('utf8')));
            return;
          } catch {
            // Not JSON after all: maybe a layer.
          }
        }
        if (detectCompression(buf) !== 'none' || looksLikeTar(buf)) layers.set(name, await readLayerTar(name, buf, undefined, opts.keep?.(name)));
        return;
      }
      const { head, whole } = await peek(stream as unknown as Readable, 512);
      if (detectCompression(head) !== 'none' || looksLikeTar(head)) {
        layers.set(name, await readLayerTar(name, head, whole, opts.keep?.(name)));
      } else {
        whole.resume();
        await new Promise((r) => whole.on('end', r));
      }
    };
    work().then(() => done(), done);
  });

  const count = new Transform({
    transform(chunk: Buffer, _e, cb) {
      bytes += chunk.length;
      opts.onProgress?.(bytes);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(source, count, extract, { signal: opts.signal });
  } catch (err) {
    if (opts.signal?.aborted) throw new BerthError('Cancelled', 'analysis cancelled');
    if (err instanceof BerthError) throw err;
    throw new BerthError('CorruptArchive', `the image archive could not be read: ${(err as Error).message}`);
  }
  if (!sawEntry) throw new BerthError('CorruptArchive', 'the image archive is empty or not a tar file');
  return { docs, layers, links, bytes };
}
