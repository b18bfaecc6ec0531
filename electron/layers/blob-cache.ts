/**
 * On-disk cache of uncompressed layer tars, by diff ID, next to the analysis cache:
 * `<cacheDir>/layers/blobs-v1/<hex>.tar`. The analysis copies each layer's uncompressed tar here as it
 * streams `docker save` (a temporary `.incoming.<random>.partial` file, partial.ts); afterwards the copy's
 * SHA-256 is computed in a worker thread and the file is renamed to `<hex>.tar` only when it equals the
 * diff ID the image config gives for that layer (OCI image-spec config.md: a diff ID is the digest of the
 * uncompressed layer tar), so a name always tells the truth about its content, and layers shared by
 * several images are kept once. A crash mid-write leaves only a `.partial` file, which is never read and is
 * removed by the next eviction pass once an hour old.
 *
 * Bounded in total bytes: the least recently used blobs (by mtime, which every read refreshes: atime is
 * unreliable under `relatime`/`noatime`) are removed past the bound, which is `$BERTH_LAYER_BLOB_CACHE_BYTES`
 * (bytes; 0 turns the cache off) or 2 GiB, and never more than half the free space of the cache's disk.
 */
import fs from 'node:fs';
import { Writable } from 'node:stream';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { partialName } from '../files/partial';
import { writeOrWait } from '../flow/write';
import { defaultCacheDir } from './cache';

/** Default bound of the blob cache, bytes (2 GiB: ten ~200 MB images). */
export const DEFAULT_BLOB_CACHE_BYTES = 2 * 2 ** 30;
/** `.partial` files older than this are left over from a crash, ms. */
const STALE_PARTIAL_MS = 60 * 60 * 1000;
const VERSION = 'blobs-v1';
/** Bytes a blob copy may have queued for the disk before the analysis waits for it. */
const BLOB_WRITE_BUFFER = 8 << 20;

/** The bound from `$BERTH_LAYER_BLOB_CACHE_BYTES` (a byte count), else DEFAULT_BLOB_CACHE_BYTES. */
export function blobCacheBound(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.BERTH_LAYER_BLOB_CACHE_BYTES);
  return env.BERTH_LAYER_BLOB_CACHE_BYTES !== undefined && env.BERTH_LAYER_BLOB_CACHE_BYTES !== '' && Number.isFinite(v) && v >= 0 ? v : DEFAULT_BLOB_CACHE_BYTES;
}

/** The SHA-256 (hex) of each file, computed in one worker thread so the event loop is not held. */
const SHA256_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const crypto = require('node:crypto');
(async () => {
  const out = [];
  for (const file of workerData) {
    const h = crypto.createHash('sha256');
    try {
      for await (const c of fs.createReadStream(file, { highWaterMark: 1 << 20 })) h.update(c);
      out.push(h.digest('hex'));
    } catch {
      out.push('');
    }
  }
  parentPort.postMessage(out);
})();
`;

/** SHA-256 (hex) of each file, '' for one that could not be read. */
export function sha256Files(files: string[]): Promise<string[]> {
  if (!files.length) return Promise.resolve([]);
  return new Promise((resolve, reject) => {
    const w = new Worker(SHA256_WORKER, { eval: true, workerData: files });
    w.once('message', (hexes: string[]) => resolve(hexes));
    w.once('error', reject);
    w.once('exit', (code) => code !== 0 && reject(new Error(`the hashing worker exited with ${code}`)));
  });
}

/** A layer tar being copied into the cache: write to `sink`, then `BlobCache.commit` or `discard`. */
export interface IncomingBlob {
  /** What the copy is written to: the file, through the analysis's byte budget. */
  sink: Writable;
  /** The temporary file's own stream (closed once the copy is complete or given up). */
  stream: fs.WriteStream;
  /** The temporary file. */
  file: string;
}

/**
 * Bytes one analysis may still copy into the cache, shared by its layers. Checked as the bytes pass, so a
 * layer (or a gzip bomb) larger than the bound is given up at the bound instead of written whole and then
 * evicted: the copy is destroyed, the analysis goes on, and that layer's previews read `docker save`.
 */
export interface BlobBudget {
  left: number;
}

/**
 * Forwards to `file` while `budget` lasts (with the file's backpressure). Past it, the copy is given up:
 * both streams destroyed, the temporary file removed at once and its bytes given back to the budget, so
 * the smaller layers after it can still be kept and the disk never holds more than the bound.
 */
class BudgetedSink extends Writable {
  private written = 0;
  constructor(
    private readonly file: fs.WriteStream,
    private readonly budget: BlobBudget,
    private readonly filePath: string,
  ) {
    super({ highWaterMark: BLOB_WRITE_BUFFER });
    this.once('finish', () => file.end());
    this.once('close', () => {
      if (!this.writableFinished) file.destroy();
    });
    // The analysis never waits for or reports a copy's failure: a failed copy is only not kept.
    this.on('error', () => undefined);
  }

  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (err?: Error | null) => void): void {
    if (this.budget.left < chunk.length) {
      this.budget.left += this.written;
      this.file.once('close', () => void fs.promises.rm(this.filePath, { force: true }));
      this.file.destroy();
      return cb(new Error('the layer blob cache bound is reached'));
    }
    if (this.file.destroyed) return cb(new Error('the blob file failed'));
    this.budget.left -= chunk.length;
    this.written += chunk.length;
    writeOrWait(this.file, chunk, () => cb());
  }
}

function hexOf(diffId: string): string | undefined {
  return /^sha256:([a-f0-9]{64})$/.exec(diffId)?.[1];
}

/** A blob's file name: `<hex>.tar`. */
const BLOB_NAME = /^[a-f0-9]{64}\.tar$/;
/** An incoming copy's file name (partialName of `incoming`). */
const INCOMING_NAME = /^\.incoming\.[a-f0-9]+\.partial$/;

/** The blob folder under a cache root: `<root>/layers/blobs-v1`. */
export function blobDirOf(root: string = defaultCacheDir()): string {
  return path.join(root, 'layers', VERSION);
}

/**
 * The blob folder inside a folder the person chose (the `layers.cacheDir` setting): a folder of Berth's own,
 * `<chosen>/berth-layer-blobs-v1`, so counting, Clear and eviction never meet the person's files (an
 * unpacked `podman save` names its layers `<hex>.tar` too).
 */
export function blobDirIn(chosen: string): string {
  return path.join(chosen, `berth-layer-${VERSION}`);
}

export class BlobCache {
  private folder: string;
  constructor(
    root: string = defaultCacheDir(),
    /** Bound in bytes (see blobCacheBound); 0 keeps nothing. */
    readonly maxBytes: number = blobCacheBound(),
    /** The blob folder itself, instead of `<root>/layers/blobs-v1` (the `layers.cacheDir` setting). */
    dir?: string,
  ) {
    this.folder = dir ?? blobDirOf(root);
  }

  /** The folder the blobs are in (absolute). */
  get dir(): string {
    return this.folder;
  }

  /**
   * Use another folder from now on (the `layers.cacheDir` setting). Blobs in the old folder stay there,
   * unread; a copy being written there is dropped when it is committed (a rename across folders that fails).
   */
  useDir(dir: string): void {
    this.folder = dir;
  }

  /**
   * Bytes and number of the blob files (and incoming copies) in the folder; only Berth's own names count, and
   * only regular files (Berth writes no folders or links: one named like a blob is the person's).
   */
  async usage(): Promise<{ dir: string; bytes: number; files: number }> {
    const dir = this.folder;
    let bytes = 0;
    let files = 0;
    for (const n of await fs.promises.readdir(dir).catch(() => [] as string[])) {
      if (!BLOB_NAME.test(n) && !INCOMING_NAME.test(n)) continue;
      const st = await fs.promises.lstat(path.join(dir, n)).catch(() => undefined);
      if (!st?.isFile()) continue;
      bytes += st.size;
      files += 1;
    }
    return { dir, bytes, files };
  }

  /**
   * Remove every blob file and incoming copy in the folder; other files in it (a folder the person chose
   * may hold some) are left alone, and so are folders and links with a blob's name. The caller makes sure no
   * analysis is copying into it.
   */
  async clear(): Promise<void> {
    const dir = this.folder;
    for (const n of await fs.promises.readdir(dir).catch(() => [] as string[])) {
      if (!BLOB_NAME.test(n) && !INCOMING_NAME.test(n)) continue;
      const file = path.join(dir, n);
      if ((await fs.promises.lstat(file).catch(() => undefined))?.isFile()) await fs.promises.rm(file, { force: true });
    }
  }

  /** Whether the cache keeps anything at all. */
  get enabled(): boolean {
    return this.maxBytes > 0;
  }

  /** The blob file of a diff ID (whether or not it exists). */
  file(diffId: string): string | undefined {
    const hex = hexOf(diffId);
    return hex ? path.join(this.dir, `${hex}.tar`) : undefined;
  }

  /** True when every diff ID has a blob (nothing to copy). */
  async hasAll(diffIds: string[]): Promise<boolean> {
    for (const d of diffIds) {
      const f = this.file(d);
      if (!f || !(await fs.promises.stat(f).catch(() => undefined))) return false;
    }
    return true;
  }

  /** A fresh byte budget for one analysis: the bound. */
  budget(): BlobBudget {
    return { left: this.maxBytes };
  }

  /**
   * Start copying a layer tar: a fresh temporary file (`wx`, never an existing one), written through
   * `budget` (shared by one analysis's layers; default: a budget of its own).
   */
  begin(budget: BlobBudget = this.budget()): IncomingBlob {
    fs.mkdirSync(this.dir, { recursive: true });
    const file = partialName(path.join(this.dir, 'incoming'));
    // A deep buffer (one layer streams at a time, so at most this much more memory): the analysis goes on
    // while the disk writes, and buffered chunks go out in one writev. With the default 16 KiB, the parser
    // waited for a thread-pool write of every 64 KiB chunk.
    const stream = fs.createWriteStream(file, { flags: 'wx', highWaterMark: BLOB_WRITE_BUFFER });
    // Errors surface when the copy is committed (the file is then short or absent, and is dropped).
    stream.on('error', () => undefined);
    return { sink: new BudgetedSink(stream, budget, file), stream, file };
  }

  /** Remove incoming copies (a failed or cancelled analysis). */
  async discard(blobs: Iterable<IncomingBlob>): Promise<void> {
    for (const b of blobs) {
      await finished(b);
      await fs.promises.rm(b.file, { force: true });
    }
  }

  /**
   * Keep the incoming copies whose SHA-256 equals the diff ID they are offered as (and whose size is
   * `tarBytes`); drop every other one, then evict past the bound.
   * @returns the diff IDs now held.
   */
  async commit(offers: { blob: IncomingBlob; diffId: string; tarBytes: number }[]): Promise<string[]> {
    const kept: string[] = [];
    await Promise.all(offers.map((o) => finished(o.blob)));
    const sized = await Promise.all(offers.map(async (o) => (await fs.promises.stat(o.blob.file).catch(() => undefined))?.size === o.tarBytes));
    const candidates = offers.filter((o, i) => sized[i] && hexOf(o.diffId) && o.tarBytes <= this.maxBytes);
    const hexes = await sha256Files(candidates.map((o) => o.blob.file)).catch(() => candidates.map(() => ''));
    const good = new Set(candidates.filter((o, i) => `sha256:${hexes[i]}` === o.diffId));
    for (const o of offers) {
      const target = this.file(o.diffId);
      if (good.has(o) && target) {
        await fs.promises.rename(o.blob.file, target).then(
          () => kept.push(o.diffId),
          () => fs.promises.rm(o.blob.file, { force: true }),
        );
      } else await fs.promises.rm(o.blob.file, { force: true });
    }
    await this.evict(new Set(kept));
    return kept;
  }

  /**
   * `length` bytes at `offset` of the blob of `diffId`, or undefined when it is absent or not `tarBytes`
   * long (truncated, or another layer's). A read refreshes the blob's mtime (its place in the LRU order).
   */
  async read(diffId: string, tarBytes: number, offset: number, length: number): Promise<Buffer | undefined> {
    const file = this.file(diffId);
    if (!file || !this.enabled) return undefined;
    let fh: fs.promises.FileHandle | undefined;
    try {
      fh = await fs.promises.open(file, 'r');
      if ((await fh.stat()).size !== tarBytes || offset + length > tarBytes) return undefined;
      const buf = Buffer.alloc(length);
      const { bytesRead } = await fh.read(buf, 0, length, offset);
      if (bytesRead !== length) return undefined;
      const now = new Date();
      await fh.utimes(now, now).catch(() => undefined);
      return buf;
    } catch {
      return undefined;
    } finally {
      await fh?.close();
    }
  }

  /** Remove a blob found to be wrong. */
  async drop(diffId: string): Promise<void> {
    const file = this.file(diffId);
    if (file) await fs.promises.rm(file, { force: true });
  }

  /**
   * Remove the least recently used blobs until the total is within the bound (and half the free disk
   * space); never one of `keep` unless it alone is over the bound. Also removes stale `.partial` files.
   */
  async evict(keep: Set<string> = new Set()): Promise<void> {
    let names: string[];
    try {
      names = await fs.promises.readdir(this.dir);
    } catch {
      return;
    }
    const now = Date.now();
    const blobs: { file: string; size: number; mtime: number; diffId: string }[] = [];
    for (const n of names) {
      const file = path.join(this.dir, n);
      const st = await fs.promises.lstat(file).catch(() => undefined);
      if (!st?.isFile()) continue; // Berth writes regular files only: a folder or link with a blob's name is not its own
      if (INCOMING_NAME.test(n)) {
        if (now - st.mtimeMs > STALE_PARTIAL_MS) await fs.promises.rm(file, { force: true });
      } else if (BLOB_NAME.test(n)) blobs.push({ file, size: st.size, mtime: st.mtimeMs, diffId: `sha256:${n.slice(0, -4)}` });
    }
    let bound = this.maxBytes;
    const fsStat = await fs.promises.statfs(this.dir).catch(() => undefined);
    let total = blobs.reduce((n, b) => n + b.size, 0);
    if (fsStat) bound = Math.min(bound, (total + fsStat.bavail * fsStat.bsize) / 2);
    // Oldest first; the blobs just kept last.
    blobs.sort((a, b) => Number(keep.has(a.diffId)) - Number(keep.has(b.diffId)) || a.mtime - b.mtime);
    for (const b of blobs) {
      if (total <= bound) break;
      await fs.promises.rm(b.file, { force: true });
      total -= b.size;
    }
  }
}

/** Resolves once the incoming copy's stream is closed (ended first if still open). */
function finished(b: IncomingBlob): Promise<void> {
  if (b.stream.closed) return Promise.resolve();
  return new Promise((resolve) => {
    b.stream.once('close', () => resolve());
    if (b.sink.destroyed) b.stream.destroy();
    else if (!b.sink.writableEnded) b.sink.end();
  });
}
