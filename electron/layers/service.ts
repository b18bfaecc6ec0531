/**
 * Layer inspection on the engine: streams `docker save` (`GET /images/{name}/get`) through the archive
 * reader — never a whole layer in memory — analyses it, caches the result by image ID, and reports
 * progress. One analysis per image at a time; a second request joins the first. The uncompressed layer
 * tars are copied into the blob cache as they pass (blob-cache.ts), so a file preview afterwards reads
 * just that file's bytes from its layer's blob instead of the whole save stream again.
 */
import { createHash } from 'node:crypto';
import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type { ArchiveImage, FamilyNode, FileContent, FileInfo, FileRow, ImageComparison, LayerProgress, LayerReport, TreeQuery } from '../../shared/layers';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import { analyze, changesOf, imageAsOf, imageTreeAsOf, type Analysis } from './analyze';
import { readArchive } from './archive';
import { listArchiveImages } from './archive-index';
import { BlobCache, blobDirIn, blobDirOf, type IncomingBlob } from './blob-cache';
import { AnalysisCache } from './cache';
import { compareAnalyses } from './compare';
import { locate, readFromArchive, readFromBlobs, toVersion } from './content';
import { familyOfEngine } from './family-of-engine';
import { fileInfo } from './file-info';
import { resolveLayout } from './layout';
import type { ImageTree } from './image-tree';
import { TreeIndex } from './tree-index';
import { prepareRootfs, type PreparedRootfs } from './rootfs-prepare';

/** Tree indexes kept in memory (one per image, layer and view). */
const TREE_SLOTS = 4;
/** Analyses kept in memory (most recent first). */
const MEMORY_SLOTS = 3;
/** Minimum interval between progress events for one image, ms. */
const PROGRESS_INTERVAL_MS = 100;

/** What an image reference (or archive subject) resolves to: its ID, size in bytes and a way to read its archive. */
type Subject = Awaited<ReturnType<LayersService['inspect']>>;

/** Put `value` at `key` as the most recent entry of an insertion-ordered map, dropping the oldest past `slots`. */
function keepRecent<K, V>(map: Map<K, V>, key: K, value: V, slots: number): V {
  map.delete(key);
  map.set(key, value);
  while (map.size > slots) map.delete(map.keys().next().value!);
  return value;
}

export type { PreparedRootfs } from './rootfs-prepare';

export class LayersService {
  private readonly memory = new Map<string, Analysis>();
  private readonly running = new Map<string, { done: Promise<Analysis>; abort: AbortController }>();
  private readonly progress = new Map<string, LayerProgress>();
  private readonly emitter = new EventEmitter();
  private readonly trees = new Map<string, TreeIndex | ImageTree>();
  /** Diff IDs per image ID (immutable, so kept for the process's life). */
  private readonly layerLists = new Map<string, string[]>();
  /** Archives on disk opened for analysis: subject → absolute path and which of its images. */
  private readonly archives = new Map<string, { file: string; image: number }>();

  /** Blob copies being verified and kept, by image ID (a preview waits for them). */
  private readonly keeping = new Map<string, Promise<unknown>>();

  constructor(
    private readonly engine: Engine,
    private readonly cache = new AnalysisCache(),
    private readonly blobs = new BlobCache(cache.root),
  ) {
    this.emitter.setMaxListeners(0);
  }

  /** The cache folder (analyses, layer blobs; other features keep their own sub-folders there). */
  get cacheRoot(): string {
    return this.cache.root;
  }

  /** Progress events; the listener first receives every analysis in progress. */
  subscribe(listener: (p: LayerProgress) => void): () => void {
    for (const p of this.progress.values()) listener(p);
    this.emitter.on('progress', listener);
    return () => this.emitter.off('progress', listener);
  }

  private emit(p: LayerProgress): void {
    if (p.state === 'running') this.progress.set(p.image, p);
    else this.progress.delete(p.image);
    this.emitter.emit('progress', p);
  }

  private remember(id: string, a: Analysis): Analysis {
    return keepRecent(this.memory, id, a, MEMORY_SLOTS);
  }

  /**
   * The analysis of `image`, checked to have layer `layer`.
   * @throws BerthError `NotFound` when the layer index is out of range.
   */
  private async withLayer(image: string, layer: number, subject?: Subject): Promise<{ subject: Subject; a: Analysis }> {
    const s = subject ?? (await this.inspect(image));
    const a = await this.full(s, image);
    if (layer >= a.entries.length) throw new BerthError('NotFound', `${image} has ${a.entries.length} layers; there is no layer ${layer}`);
    return { subject: s, a };
  }

  /**
   * Register an image archive on this machine's disk (`docker save` output, an OCI layout tar, …) for
   * analysis, with the images it holds (a `docker save a b` tar holds two). Returns the subject name the
   * other methods take in place of an image reference, for image number `image` (default the first).
   * @throws BerthError `NotFound` when the path is not a readable regular file, or holds no image `image`.
   */
  async openArchive(file: string, image = 0): Promise<{ subject: string; images: ArchiveImage[] }> {
    let st: fs.Stats;
    try {
      st = await fs.promises.stat(file);
    } catch (err) {
      throw new BerthError('NotFound', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!st.isFile()) throw new BerthError('NotFound', `${file} is not a regular file`);
    const images = await listArchiveImages(file).catch((err: Error) => {
      throw new BerthError('NotFound', `cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? err.message}`);
    });
    if (image > 0 && image >= images.length) throw new BerthError('NotFound', `${file} holds ${images.length} image${images.length === 1 ? '' : 's'}; there is no image ${image}`);
    const base = `archive-${createHash('sha256').update(path.resolve(file)).digest('hex').slice(0, 16)}`;
    const subject = image > 0 ? `${base}-${image}` : base;
    this.archives.set(subject, { file: path.resolve(file), image });
    return { subject, images };
  }

  /**
   * Resolve an image reference (or an archive subject) to its ID, size in bytes and a way to read its
   * archive. An archive's ID is derived from its path, size and modification time, so a changed file is
   * analysed afresh.
   */
  private async inspect(image: string): Promise<{ id: string; size: number; pick?: number; diffIds?: string[]; open(): Promise<Readable> }> {
    const archive = this.archives.get(image);
    if (archive) {
      const { file, image: pick } = archive;
      const st = await fs.promises.stat(file).catch(() => {
        throw new BerthError('NotFound', `the archive ${file} is gone`);
      });
      const id = `sha256:${createHash('sha256').update(`${file}|${st.size}|${st.mtimeMs}${pick ? `|${pick}` : ''}`).digest('hex')}`;
      return { id, size: st.size, pick, open: async () => fs.createReadStream(file) };
    }
    const info = await this.engine.call((d) => d.getImage(image).inspect());
    return {
      id: info.Id,
      size: info.Size,
      ...(info.RootFS?.Layers ? { diffIds: info.RootFS.Layers } : {}),
      open: async () => {
        try {
          return (await this.engine.streams.getImage(info.Id).get()) as unknown as Readable;
        } catch (err) {
          throw toBerthError(err, this.engine.host.display);
        }
      },
    };
  }

  /**
   * The layer report of an image: from memory, the disk cache, or a fresh analysis of its save stream.
   * @throws BerthError `NotFound` (no such image), `Cancelled`, `CorruptArchive`, `EngineUnreachable`.
   */
  async analyze(image: string): Promise<LayerReport> {
    const subject = await this.inspect(image);
    const cached = this.memory.get(subject.id)?.report ?? (await this.cache.report(subject.id));
    if (cached) return cached;
    return (await this.full(subject, image)).report;
  }

  /** The full analysis (with files), running one if needed. */
  private async full(subject: Subject, image: string): Promise<Analysis> {
    const { id } = subject;
    const inMemory = this.memory.get(id);
    if (inMemory) return this.remember(id, inMemory);
    const onDisk = await this.cache.analysis(id);
    if (onDisk) return this.remember(id, onDisk);
    const running = this.running.get(id);
    if (running) return running.done;
    const abort = new AbortController();
    const done = this.run(subject, image, abort.signal).finally(() => this.running.delete(id));
    this.running.set(id, { done, abort });
    return done;
  }

  private async run(subject: Subject, image: string, signal: AbortSignal): Promise<Analysis> {
    const { id, size } = subject;
    let last = 0;
    const base = { image, ...(size ? { bytesTotal: size } : {}) };
    this.emit({ ...base, state: 'running', bytesRead: 0 });
    // Copy the layer tars into the blob cache unless it holds them all already.
    const incoming = new Map<string, IncomingBlob>();
    const copy = this.blobs.enabled && !(subject.diffIds && (await this.blobs.hasAll(subject.diffIds)));
    const budget = this.blobs.budget();
    try {
      const stream = await subject.open();
      signal.addEventListener('abort', () => stream.destroy(), { once: true });
      const raw = await readArchive(stream, {
        signal,
        keep: (member) => {
          if (!copy) return undefined;
          try {
            const b = this.blobs.begin(budget);
            incoming.set(member, b);
            return b.sink;
          } catch {
            return undefined; // A read-only or full disk costs only the previews' speed.
          }
        },
        onProgress: (bytesRead) => {
          const now = Date.now();
          if (now - last < PROGRESS_INTERVAL_MS) return;
          last = now;
          this.emit({ ...base, state: 'running', bytesRead });
        },
      });
      const layout = resolveLayout(raw, subject.pick);
      const a = analyze({ ...layout, configDigest: layout.configDigest ?? id }, raw.bytes);
      this.keepBlobs(id, layout, incoming);
      this.emit({ ...base, state: 'done', bytesRead: raw.bytes });
      await this.cache.store(id, a);
      return this.remember(id, a);
    } catch (err) {
      void this.blobs.discard(incoming.values());
      const e = signal.aborted ? new BerthError('Cancelled', `analysis of ${image} cancelled`) : toBerthError(err, this.engine.host.display);
      this.emit({ ...base, state: signal.aborted ? 'cancelled' : 'failed', bytesRead: 0, error: e.message });
      throw e;
    }
  }

  /**
   * In the background, verify the copied layer tars against the config's diff IDs and keep the good ones;
   * copies of members that are not this image's layers are dropped.
   */
  private keepBlobs(id: string, layout: ReturnType<typeof resolveLayout>, incoming: Map<string, IncomingBlob>): void {
    if (!incoming.size) return;
    const diffIds = layout.config.rootfs?.diff_ids ?? [];
    const offered = new Set<IncomingBlob>();
    const offers = layout.layers.flatMap((l, i) => {
      const blob = incoming.get(l.member);
      if (!blob || !diffIds[i] || offered.has(blob)) return [];
      offered.add(blob);
      return [{ blob, diffId: diffIds[i], tarBytes: l.content.tarBytes }];
    });
    const done = Promise.all([this.blobs.commit(offers), this.blobs.discard([...incoming.values()].filter((b) => !offered.has(b)))])
      .catch(() => undefined)
      .finally(() => this.keeping.delete(id));
    this.keeping.set(id, done);
  }

  /** Bytes and files in the layer blob cache folder. */
  cacheUsage(): Promise<{ dir: string; bytes: number; files: number }> {
    return this.blobs.usage();
  }

  /**
   * Empty the layer blob cache (analyses stay: previews then read `docker save` until the blobs are copied again).
   * @throws BerthError `Conflict` while an analysis is copying layers into it or its copies are being checked.
   */
  async clearCache(): Promise<null> {
    if (this.running.size || this.keeping.size) throw new BerthError('Conflict', 'an analysis is writing to the layer cache: clear it once the analysis has finished');
    await this.blobs.clear();
    return null;
  }

  /**
   * Use another blob cache folder from now on: Berth's own folder inside `chosen` (the `layers.cacheDir`
   * setting, blobDirIn); undefined: the default one.
   */
  useBlobDir(chosen: string | undefined): void {
    const next = chosen ? blobDirIn(chosen) : blobDirOf(this.cache.root);
    if (next !== this.blobs.dir) this.blobs.useDir(next);
  }

  /** Resolves when no layer blobs are being verified and kept (for tests and benchmarks). */
  async blobsSettled(): Promise<void> {
    while (this.keeping.size) await Promise.all(this.keeping.values());
  }

  /** Every local image arranged by shared layers (family-of-engine.ts). */
  family(): Promise<FamilyNode[]> {
    return familyOfEngine(this.engine, this.layerLists);
  }

  /**
   * A file as of a layer and its previous version (for preview and diff), read from the save stream.
   * @throws BerthError `NotFound` for a layer out of range.
   */
  async fileContent(image: string, layer: number, path: string): Promise<FileContent> {
    const { subject, a } = await this.withLayer(image, layer);
    const current = locate(a, path, layer);
    const previous = current ? locate(a, path, current.layer - 1) : undefined;
    const found = [current, previous].filter((x): x is NonNullable<typeof x> => x !== undefined);
    if (!found.length) return { path };
    await this.keeping.get(subject.id);
    const kept = await readFromBlobs(this.blobs, a, found);
    const wants = new Map<string, Set<string>>();
    for (const f of found) wants.set(a.members[f.layer], (wants.get(a.members[f.layer]) ?? new Set()).add(f.path));
    const files = kept ? undefined : await readFromArchive(await subject.open(), wants);
    const version = (f: (typeof found)[number] | undefined) => {
      const got = f && (kept ? kept.get(f) : files?.get(a.members[f.layer])?.get(f.path));
      return got ? toVersion(f.layer, got.size, got.data) : undefined;
    };
    const cur = version(current);
    const prev = version(previous);
    return { path, ...(cur ? { current: cur } : {}), ...(prev ? { previous: prev } : {}) };
  }

  /**
   * A path's metadata as of a layer and the version below it (file-info.ts), from the analysis alone.
   * @throws BerthError `NotFound` for a layer out of range.
   */
  async fileInfo(image: string, layer: number, path: string): Promise<FileInfo> {
    const { a } = await this.withLayer(image, layer);
    return fileInfo(a, path, layer);
  }

  /**
   * `image`'s root filesystem, flattened as the engine stacks its layers (rootfs.ts), planned and ready to
   * write. Analyses the image first unless the analysis is cached. `write` reads the files' bytes from the
   * blob cache when it holds every layer, else from one more `docker save` stream, into `pack` (left open
   * for the caller to add to and finalize).
   * @throws BerthError `NotFound`, `Cancelled`, `CorruptArchive`, `EngineUnreachable`.
   */
  async rootfs(image: string): Promise<PreparedRootfs> {
    const subject = await this.inspect(image);
    const a = await this.full(subject, image);
    await this.keeping.get(subject.id);
    return prepareRootfs(a, this.blobs, () => subject.open());
  }

  /** Compare two images by layers and final files (both are analysed, or taken from the cache). */
  async compare(first: string, second: string): Promise<ImageComparison> {
    const [a, b] = await Promise.all([this.inspect(first), this.inspect(second)]);
    const [fa, fb] = await Promise.all([this.full(a, first), this.full(b, second)]);
    return compareAnalyses({ image: first, analysis: fa }, { image: second, analysis: fb });
  }

  /** Stop every running analysis (the engine is being left): each ends with `Cancelled`. */
  cancelAll(): void {
    for (const r of this.running.values()) r.abort.abort();
  }

  /** Stop a running analysis of `image` (no effect when none runs). */
  async cancel(image: string): Promise<null> {
    const { id } = await this.inspect(image);
    this.running.get(id)?.abort.abort();
    return null;
  }

  /**
   * The indexed Files tree of one layer view (built once, kept for the next few requests).
   * @throws BerthError `NotFound` when the layer index is out of range.
   */
  async tree(image: string, q: Pick<TreeQuery, 'layer' | 'view'>): Promise<TreeIndex | ImageTree> {
    const subject = await this.inspect(image);
    const key = `${subject.id}|${q.layer}|${q.view}`;
    const hit = this.trees.get(key);
    if (hit) return keepRecent(this.trees, key, hit, TREE_SLOTS);
    const { a } = await this.withLayer(image, q.layer, subject);
    const index = q.view === 'image' ? imageTreeAsOf(a, q.layer) : new TreeIndex(changesOf(a, q.layer));
    return keepRecent(this.trees, key, index, TREE_SLOTS);
  }

  /**
   * One layer's files: its change set (`changes`), or the whole image as of that layer (`image`).
   * @throws BerthError `NotFound` when the layer index is out of range.
   */
  async files(image: string, layer: number, view: 'changes' | 'image'): Promise<FileRow[]> {
    const { a } = await this.withLayer(image, layer);
    return view === 'changes' ? changesOf(a, layer) : imageAsOf(a, layer);
  }
}
