import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { analyze } from './analyze';
import { readArchive } from './archive';
import { compareAnalyses } from './compare';
import { resolveLayout } from './layout';
import { buildArchive, type Spec } from './testdata/build';

async function image(layers: Spec[][], diffIds: string[]) {
  const raw = await readArchive(Readable.from(await buildArchive(layers, { diffIds })));
  return analyze(resolveLayout(raw), raw.bytes);
}
const base: Spec[] = [{ file: 'etc/os-release', content: 'debian' }, { file: 'bin/sh', content: 'shell' }];

describe('compareAnalyses', () => {
  it('finds the shared base, the layers of each, and the files that differ', async () => {
    const a = await image([base, [{ file: 'app/main.py', content: 'print(1)' }, { dir: 'app/cache' }, { file: 'app/cache/x', content: 'xx' }]], ['sha256:base', 'sha256:a1']);
    const b = await image([base, [{ file: 'app/main.py', content: 'print(2)' }, { file: 'app/extra', content: 'e' }]], ['sha256:base', 'sha256:b1']);
    const c = compareAnalyses({ image: 'a', analysis: a }, { image: 'b', analysis: b });
    expect(c.commonLayers).toBe(1);
    expect(c.commonBytes).toBe(11);
    expect(c.onlyFirst.map((l) => l.diffId)).toEqual(['sha256:a1']);
    expect(c.onlySecond.map((l) => l.diffId)).toEqual(['sha256:b1']);
    const byPath = Object.fromEntries(c.files.map((f) => [f.path, f]));
    expect(byPath['/app/main.py']).toMatchObject({ kind: 'differs', changed: ['content'] });
    // A directory only one image has is listed once, with the bytes below it; its children are not.
    expect(byPath['/app/cache']).toMatchObject({ kind: 'onlyFirst', type: 'dir', sizeFirst: 2 });
    expect(byPath['/app/cache/x']).toBeUndefined();
    expect(byPath['/app/extra']).toMatchObject({ kind: 'onlySecond', sizeSecond: 1 });
    expect(byPath['/etc/os-release']).toBeUndefined();
    expect(c.filesTotal).toBe(c.files.length);
  });
});
