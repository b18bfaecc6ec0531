// Integration: analyse images in the private engine from its own save stream.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LayerProgress } from '../../shared/layers';
import { Engine } from '../engine/engine';
import { buildImage, docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { AnalysisCache, CACHE_VERSION } from './cache';
import { LayersService } from './service';

const missing = await engineMissing();


describe.skipIf(missing)('layer analysis of real save streams', () => {
  const tag = `berth-test/layers-${uniqueName('img')}:latest`;
  const cacheDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cache-'));
  const service = new LayersService(new Engine(), new AnalysisCache(cacheDir));

  beforeAll(async () => {
    await buildImage(
      tag,
      [
        `FROM ${TEST_IMAGE}`,
        'RUN mkdir -p /d/sub && echo one > /d/sub/a && echo two > /d/b && echo keep > /k',
        'ENV STEP=2',
        'RUN rm /k && rm -rf /d && mkdir /d && echo three > /d/c',
        'RUN chmod 700 /d/c',
      ].join('\n'),
    );
  }, 120_000);
  afterAll(async () => {
    await docker(['rmi', '-f', tag]).catch(() => {});
    fs.rmSync(cacheDir, { recursive: true, force: true });
  });

  it('reads the busybox test image: one layer per non-empty history step, sizes as the engine says', async () => {
    const report = await service.analyze(TEST_IMAGE);
    const id = await docker(['image', 'inspect', '-f', '{{.Id}}', TEST_IMAGE]);
    expect(report.imageId).toBe(id);
    const layers = Number(await docker(['image', 'inspect', '-f', '{{len .RootFS.Layers}}', TEST_IMAGE]));
    expect(report.layers).toHaveLength(layers);
    expect(report.layers[0].size).toBe(fs.statSync('/bin/busybox').size);
    const rows = await service.files(TEST_IMAGE, 1, 'changes');
    expect(rows.find((r) => r.path === '/bin/sh')).toMatchObject({ kind: 'added', type: 'symlink', linkname: '/bin/busybox' });
  });

  it('sees removals, a re-created directory and a chmod in a built image', async () => {
    const progress: LayerProgress[] = [];
    const off = service.subscribe((p) => progress.push(p));
    const report = await service.analyze(tag);
    off();
    expect(progress.at(-1)).toMatchObject({ state: 'done', image: tag });
    expect(report.history.some((h) => h.emptyLayer && h.createdBy.includes('STEP=2'))).toBe(true);
    const n = report.layers.length;
    const removalStep = await service.files(tag, n - 2, 'changes');
    const byPath = Object.fromEntries(removalStep.map((r) => [r.path, r.kind]));
    expect(byPath['/k']).toBe('removed');
    expect(byPath['/d/c']).toBe('added');
    // Whether the engine wrote an opaque marker or one whiteout per child, /d/sub and /d/b are gone.
    const image = (await service.files(tag, n - 2, 'image')).map((r) => r.path);
    expect(image).toContain('/d/c');
    expect(image).not.toContain('/d/b');
    expect(image).not.toContain('/d/sub/a');
    expect(image).not.toContain('/k');
    const chmod = await service.files(tag, n - 1, 'changes');
    expect(chmod.find((r) => r.path === '/d/c')).toMatchObject({ kind: 'modified', changed: ['mode'], mode: 0o700 });
    expect(report.layers[n - 3].hiddenBytes).toBeGreaterThan(0);
  });

  it('reads a file as of a layer and its previous version, from the save stream', async () => {
    const report = await service.analyze(tag);
    const n = report.layers.length;
    const chmod = await service.fileContent(tag, n - 1, '/d/c');
    // A chmod copies the whole file up into the new layer: same text, two versions.
    expect(chmod.current).toMatchObject({ layer: n - 1, text: 'three\n', binary: false });
    expect(chmod.previous).toMatchObject({ layer: n - 2, text: 'three\n' });
    const removed = await service.fileContent(tag, n - 2, '/k');
    expect(removed.current).toBeUndefined();
    const before = await service.fileContent(tag, n - 3, '/k');
    expect(before.current).toMatchObject({ layer: n - 3, text: 'keep\n' });
    const binary = await service.fileContent(tag, 0, '/bin/busybox');
    expect(binary.current).toMatchObject({ binary: true, truncated: true });
    expect(binary.current?.text).toBeUndefined();
  });

  it('serves a second open from the cache, also in a new service', async () => {
    const again = new LayersService(new Engine(), new AnalysisCache(cacheDir));
    const progress: LayerProgress[] = [];
    again.subscribe((p) => progress.push(p));
    const report = await again.analyze(tag);
    expect(report.layers.length).toBeGreaterThan(2);
    expect(progress).toEqual([]);
    expect(fs.readdirSync(path.join(cacheDir, 'layers', CACHE_VERSION)).length).toBeGreaterThanOrEqual(2);
  });

  it('discards analyses of older cache versions (v4 hashed files with SHA-256) instead of mixing them in', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cache-'));
    try {
      const id = (await docker(['image', 'inspect', '-f', '{{.Id}}', tag])).replace('sha256:', '');
      const old = path.join(root, 'layers', 'v4');
      fs.mkdirSync(old, { recursive: true });
      fs.writeFileSync(path.join(old, `${id}.report.json`), JSON.stringify({ layers: [], stale: true }));
      const report = await new LayersService(new Engine(), new AnalysisCache(root)).analyze(tag);
      expect(report.layers.length).toBeGreaterThan(2);
      expect(fs.existsSync(old)).toBe(false);
      expect(fs.existsSync(path.join(root, 'layers', CACHE_VERSION, `${id}.report.json`))).toBe(true);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('says NotFound for an image the engine does not have', async () => {
    await expect(service.analyze('berth-test/no-such-image:nope')).rejects.toMatchObject({ name: 'NotFound' });
  });
});
