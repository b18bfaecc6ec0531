// ImageTree (served from the stacked tree) must answer exactly as TreeIndex over the same rows.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyze, imageAsOf, imageTreeAsOf } from './analyze';
import { readArchive } from './archive';
import { resolveLayout } from './layout';
import { TreeIndex } from './tree-index';

describe('ImageTree', () => {
  it("answers like TreeIndex on dive's archive, for every directory, order and search", async () => {
    const raw = await readArchive(fs.createReadStream(path.join(__dirname, 'testdata/dive/test-docker-image.tar')));
    const a = analyze(resolveLayout(raw), raw.bytes);
    for (const layer of [0, 5, 13]) {
      const rows = imageAsOf(a, layer);
      const reference = new TreeIndex(rows);
      const lazy = imageTreeAsOf(a, layer);
      expect(lazy.size).toBe(reference.size);
      const dirs = ['/', ...rows.filter((r) => r.type === 'dir').map((r) => r.path)];
      for (const q of [
        { sort: 'name', hideUnchanged: false },
        { sort: 'size', hideUnchanged: false },
        { sort: 'name', hideUnchanged: true },
      ] as const) {
        expect(lazy.children(dirs, q)).toEqual(reference.children(dirs, q));
        for (const text of ['root', 'bin/b', 'saved']) {
          expect(lazy.search(text, [], 10_000, q)).toEqual(reference.search(text, [], 10_000, q));
        }
        expect(lazy.search('', ['modified'], 10_000, q)).toEqual(reference.search('', ['modified'], 10_000, q));
        expect(lazy.search('', [], 7, q)).toEqual(reference.search('', [], 7, q));
      }
    }
  });
});
