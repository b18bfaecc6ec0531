// Analysing an image archive on disk (no engine involved): dive's numbers, files and previews from the file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { AnalysisCache } from './cache';
import { LayersService } from './service';

const FIXTURE = path.join(__dirname, 'testdata/dive/test-docker-image.tar');

describe('an image archive on disk', () => {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-archive-cache-'));
  const service = new LayersService(new Engine(resolveEngineHost({ DOCKER_HOST: 'unix:///nonexistent/berth.sock' })), new AnalysisCache(cache));
  afterAll(() => fs.rmSync(cache, { recursive: true, force: true }));

  it("is analysed with dive's numbers, its files browsable and previewable", async () => {
    const { subject } = await service.openArchive(FIXTURE);
    expect(subject).toMatch(/^archive-[a-f0-9]{16}$/);
    const report = await service.analyze(subject);
    expect(report).toMatchObject({ efficiency: 0.9844212134184309, wastedBytes: 32025, repoTags: ['dive-test:latest'] });
    const top = (await service.tree(subject, { layer: 13, view: 'image' })).children(['/'], { sort: 'name', hideUnchanged: false })['/'];
    expect(top.map((r) => r.name)).toEqual(expect.arrayContaining(['bin', 'root', 'somefile.txt']));
    const saved = await service.fileContent(subject, 13, '/root/saved.txt');
    expect(saved.current).toMatchObject({ layer: 13, size: 6405, binary: false });
    expect(saved.previous?.layer).toBeLessThan(13);
  });

  it('lists the images an archive holds, from its headers (docker save and OCI layouts), and refuses an image it lacks', async () => {
    const { images } = await service.openArchive(FIXTURE);
    expect(images).toEqual([{ index: 0, repoTags: ['dive-test:latest'], id: expect.stringMatching(/^sha256:[a-f0-9]{64}$/), layers: 14, size: expect.any(Number) }]);
    expect(images[0].size).toBeGreaterThan(1_000_000);
    const oci = await service.openArchive(path.join(__dirname, 'testdata/dive/test-oci-gzip-image.tar'));
    expect(oci.images).toHaveLength(1);
    expect(oci.images[0].layers).toBe((await service.analyze(oci.subject)).layers.length);
    await expect(service.openArchive(FIXTURE, 1)).rejects.toMatchObject({ name: 'NotFound', message: expect.stringContaining('holds 1 image; there is no image 1') });
    expect(await service.openArchive(path.join(__dirname, 'testdata/dive/test-uncompressed-image.tar'))).toMatchObject({ images: [] });
  });

  it('refuses a missing file or a directory, and a plain filesystem tar', async () => {
    await expect(service.openArchive('/nonexistent/image.tar')).rejects.toMatchObject({ name: 'NotFound' });
    await expect(service.openArchive(os.tmpdir())).rejects.toMatchObject({ name: 'NotFound', message: expect.stringContaining('not a regular file') });
    const { subject } = await service.openArchive(path.join(__dirname, 'testdata/dive/test-uncompressed-image.tar'));
    await expect(service.analyze(subject)).rejects.toMatchObject({ name: 'CorruptArchive' });
  });
});
