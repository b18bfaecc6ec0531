// A layer cache folder the person chose holds Berth's blobs in a folder of Berth's own: Clear had deleted a
// chosen folder's `<64 hex>.tar` files (the names an unpacked `podman save` uses) and `.incoming.*.partial`
// files that were not Berth's. No engine is asked anything here (the Engine client connects on first use).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { AnalysisCache } from './cache';
import { LayersService } from './service';

describe('a chosen layer cache folder', () => {
  it('keeps Berth’s blobs in berth-layer-blobs-v1 inside it; Clear never touches the folder’s own files', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-chosen-'));
    const chosen = path.join(root, 'my-layers');
    fs.mkdirSync(chosen);
    try {
      const layers = new LayersService(new Engine(), new AnalysisCache(path.join(root, 'cache')));
      layers.useBlobDir(chosen);
      const usage = await layers.cacheUsage();
      expect(usage.dir).toBe(path.join(chosen, 'berth-layer-blobs-v1'));
      const mine = path.join(chosen, `${'ab'.repeat(32)}.tar`);
      fs.writeFileSync(mine, 'a layer of my own');
      fs.writeFileSync(path.join(chosen, '.incoming.0123456789ab.partial'), 'also mine');
      fs.mkdirSync(usage.dir, { recursive: true });
      fs.writeFileSync(path.join(usage.dir, `${'cd'.repeat(32)}.tar`), Buffer.alloc(10));
      expect(await layers.cacheUsage()).toMatchObject({ bytes: 10, files: 1 });
      await layers.clearCache();
      expect(fs.readFileSync(mine, 'utf8')).toBe('a layer of my own');
      expect(fs.readdirSync(chosen).sort()).toEqual(['.incoming.0123456789ab.partial', `${'ab'.repeat(32)}.tar`, 'berth-layer-blobs-v1']);
      expect(await layers.cacheUsage()).toMatchObject({ bytes: 0, files: 0 });
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
