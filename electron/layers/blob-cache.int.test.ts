// Integration: the layer blob cache against the private engine. A preview after the analysis reads the
// layer's blob, not `docker save` again (counted at a proxy in front of the real engine); a truncated or
// altered blob is detected and the preview falls back to the save stream; eviction keeps the bound.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { buildImage, docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { engineProxy, type EngineProxy } from '../testing/proxy';
import { BlobCache, type BlobBudget, type IncomingBlob } from './blob-cache';
import { AnalysisCache } from './cache';
import { LayersService } from './service';

const missing = await engineMissing();


const sha256 = (file: string) => createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe.skipIf(missing)('layer blob cache', () => {
  const tag = `berth-test/blobs-${uniqueName('img')}:latest`;
  const other = `berth-test/blobs-${uniqueName('img')}:other`;
  const roots: string[] = [];
  let proxy: EngineProxy;
  let diffIds: string[] = [];
  /** `docker save` requests the proxy has seen. */
  const saves = () => proxy.seen.filter((r) => /^GET \/(v[\d.]+\/)?images\/[^/]+\/get/.test(r)).length;
  const cacheRoot = () => {
    const r = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-blobs-'));
    roots.push(r);
    return r;
  };
  const serviceAt = (root: string, bound?: number) =>
    new LayersService(new Engine(resolveEngineHost({ DOCKER_HOST: proxy.host })), new AnalysisCache(root), new BlobCache(root, bound));
  const blobDir = (root: string) => path.join(root, 'layers', 'blobs-v1');
  const blobOf = (root: string, diffId: string) => path.join(blobDir(root), `${diffId.replace('sha256:', '')}.tar`);

  beforeAll(async () => {
    await buildImage(tag, [`FROM ${TEST_IMAGE}`, 'RUN echo alpha > /a && seq 1 20000 > /numbers', 'RUN echo beta > /b && chmod 600 /a'].join('\n'));
    await buildImage(other, [`FROM ${TEST_IMAGE}`, 'RUN echo gamma > /c'].join('\n'));
    diffIds = JSON.parse(await docker(['image', 'inspect', '-f', '{{json .RootFS.Layers}}', tag])) as string[];
    proxy = await engineProxy(() => 'pass');
  }, 120_000);
  afterAll(async () => {
    await proxy?.close();
    await docker(['rmi', '-f', tag, other]).catch(() => {});
    for (const r of roots) fs.rmSync(r, { recursive: true, force: true });
  });

  it('previews from the kept blob: no second docker save, also in a new service', async () => {
    const root = cacheRoot();
    const service = serviceAt(root);
    const report = await service.analyze(tag);
    await service.blobsSettled();
    expect(saves()).toBe(1);
    // Every layer is kept under its diff ID, and the name tells the truth.
    for (const d of diffIds) expect(`sha256:${sha256(blobOf(root, d))}`).toBe(d);
    const n = report.layers.length;
    const a = await service.fileContent(tag, n - 1, '/a');
    expect(a.current).toMatchObject({ layer: n - 1, text: 'alpha\n' });
    expect(a.previous).toMatchObject({ layer: n - 2, text: 'alpha\n' });
    const numbers = await service.fileContent(tag, n - 1, '/numbers');
    expect(numbers.current?.text?.startsWith('1\n2\n3\n')).toBe(true);
    expect(saves()).toBe(1);
    // A new process: the analysis comes from the disk cache, the preview from the blob.
    const again = serviceAt(root);
    expect((await again.fileContent(tag, n - 1, '/b')).current).toMatchObject({ text: 'beta\n' });
    expect(saves()).toBe(1);
    // A second image on the same base stores only its own layer; the base blob is the one already there.
    const before = fs.readdirSync(blobDir(root)).filter((f) => f.endsWith('.tar')).length;
    await service.analyze(other);
    await service.blobsSettled();
    expect(fs.readdirSync(blobDir(root)).filter((f) => f.endsWith('.tar'))).toHaveLength(before + 1);
    expect(fs.readdirSync(blobDir(root)).filter((f) => f.endsWith('.partial'))).toEqual([]);
  });

  it('detects a truncated blob and an altered one, and reads the save stream instead', async () => {
    const root = cacheRoot();
    const service = serviceAt(root);
    const n = (await service.analyze(tag)).layers.length;
    await service.blobsSettled();
    const start = saves();
    const top = blobOf(root, diffIds[n - 1]);
    fs.truncateSync(top, fs.statSync(top).size - 1024);
    expect((await service.fileContent(tag, n - 1, '/b')).current).toMatchObject({ text: 'beta\n' });
    expect(saves()).toBe(start + 1);
    // Same length, other bytes: "alpha\n" becomes "ALPHA\n" where the analysis put /a's content.
    const middle = blobOf(root, diffIds[n - 2]);
    const bytes = fs.readFileSync(middle);
    const at = bytes.indexOf('alpha\n');
    expect(at).toBeGreaterThan(0);
    bytes.write('ALPHA\n', at);
    fs.writeFileSync(middle, bytes);
    expect((await service.fileContent(tag, n - 2, '/a')).current).toMatchObject({ text: 'alpha\n' });
    expect(saves()).toBe(start + 2);
    expect(fs.existsSync(middle)).toBe(false);
  });

  it('finishes the analysis when writing a blob fails midway (a full disk), and previews from the save stream', async () => {
    const root = cacheRoot();
    /** A blob cache whose copies fail after their first 64 KiB, as on a disk that fills up. */
    class FullDisk extends BlobCache {
      override begin(budget?: BlobBudget): IncomingBlob {
        const b = super.begin(budget);
        let written = 0;
        const write = b.stream.write.bind(b.stream) as (chunk: Buffer) => boolean;
        b.stream.write = ((chunk: Buffer) => {
          written += chunk.length;
          if (written > 64 << 10) {
            b.stream.destroy(Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' }));
            return false;
          }
          return write(chunk);
        }) as typeof b.stream.write;
        return b;
      }
    }
    const service = new LayersService(new Engine(resolveEngineHost({ DOCKER_HOST: proxy.host })), new AnalysisCache(root), new FullDisk(root));
    const n = (await service.analyze(tag)).layers.length;
    await service.blobsSettled();
    // The base layer (busybox, over 64 KiB) could not be written, so it is not kept; what is kept is whole.
    expect(fs.existsSync(blobOf(root, diffIds[0]))).toBe(false);
    for (const f of fs.readdirSync(blobDir(root)).filter((x) => x.endsWith('.tar'))) expect(`${sha256(path.join(blobDir(root), f))}.tar`).toBe(f);
    expect(fs.readdirSync(blobDir(root)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect((await service.fileContent(tag, n - 1, '/b')).current).toMatchObject({ text: 'beta\n' });
  });

  it('gives a copy up at the bound while it streams, instead of writing a larger layer whole first', async () => {
    const root = cacheRoot();
    const bound = 64 << 10;
    const copies: IncomingBlob[] = [];
    /** Records the copies, to read how many bytes reached their files. */
    class Recording extends BlobCache {
      override begin(budget?: BlobBudget): IncomingBlob {
        const b = super.begin(budget);
        copies.push(b);
        return b;
      }
    }
    const service = new LayersService(new Engine(resolveEngineHost({ DOCKER_HOST: proxy.host })), new AnalysisCache(root), new Recording(root, bound));
    const n = (await service.analyze(tag)).layers.length;
    await service.blobsSettled();
    expect(copies.length).toBeGreaterThan(0);
    // The base layer alone is over 64 KiB: its copy stopped at the bound instead of being written whole.
    for (const c of copies) expect(c.stream.bytesWritten).toBeLessThanOrEqual(bound);
    expect(fs.existsSync(blobOf(root, diffIds[0]))).toBe(false);
    expect(fs.readdirSync(blobDir(root)).filter((f) => f.endsWith('.partial'))).toEqual([]);
    expect((await service.fileContent(tag, n - 1, '/b')).current).toMatchObject({ text: 'beta\n' });
  });

  it('keeps the bound: least recently used blobs go first; stale partial files are removed', async () => {
    const sizes = await Promise.all(diffIds.map(async (d) => (await fs.promises.stat(blobOf(roots[0], d))).size));
    const root = cacheRoot();
    // Room for the two upper layers of `tag`, not for the base as well.
    const bound = sizes.slice(1).reduce((x, y) => x + y, 0) + 512;
    expect(sizes[0]).toBeGreaterThan(512);
    fs.mkdirSync(blobDir(root), { recursive: true });
    const stale = path.join(blobDir(root), '.incoming.0123456789ab.partial');
    fs.writeFileSync(stale, 'half a layer');
    const old = new Date(Date.now() - 2 * 3600_000);
    fs.utimesSync(stale, old, old);
    const service = serviceAt(root, bound);
    await service.analyze(tag);
    await service.blobsSettled();
    const tars = fs.readdirSync(blobDir(root)).filter((f) => f.endsWith('.tar'));
    const total = tars.reduce((x, f) => x + fs.statSync(path.join(blobDir(root), f)).size, 0);
    expect(total).toBeLessThanOrEqual(bound);
    expect(tars.length).toBeGreaterThan(0);
    expect(fs.existsSync(stale)).toBe(false);
    // A bound of 0 keeps nothing, and previews still work from the save stream.
    const off = serviceAt(cacheRoot(), 0);
    const n = (await off.analyze(tag)).layers.length;
    const start = saves();
    expect((await off.fileContent(tag, n - 1, '/b')).current).toMatchObject({ text: 'beta\n' });
    expect(saves()).toBe(start + 1);
  });
});
