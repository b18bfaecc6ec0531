import { describe, expect, it } from 'vitest';
import type { Analysis } from './analyze';
import type { LayerEntry } from './entries';
import { fileInfo } from './file-info';

const f = (path: string, over: Partial<LayerEntry> = {}): LayerEntry => ({ path, type: 'file', size: 6, mode: 0o644, uid: 0, gid: 0, hash: 'a', ...over });
/** Only `entries` is read by fileInfo. */
const analysis = (...layers: LayerEntry[][]): Analysis => ({ entries: layers }) as unknown as Analysis;

describe('fileInfo', () => {
  const a = analysis(
    [f('/tool'), f('/owned'), f('/gone')],
    [f('/tool', { mode: 0o4755 })],
    [f('/owned', { uid: 1000, gid: 1000 }), { ...f('/gone'), type: 'whiteout', size: 0 }],
    [f('/tool', { mode: 0o4755, hash: 'b', size: 7 }), f('/link', { type: 'symlink', size: 0, mode: 0o777, linkname: '/tool', hash: undefined })],
  );

  it('a chmod-only layer changed the mode, with the version below', () => {
    expect(fileInfo(a, '/tool', 1)).toEqual({
      path: '/tool',
      current: { layer: 1, type: 'file', size: 6, mode: 0o4755, uid: 0, gid: 0 },
      previous: { layer: 0, type: 'file', size: 6, mode: 0o644, uid: 0, gid: 0 },
      changed: ['mode'],
    });
  });

  it('as of a later layer, the version visible then and what its layer changed', () => {
    expect(fileInfo(a, '/owned', 3).changed).toEqual(['owner']);
    expect(fileInfo(a, '/tool', 3)).toMatchObject({ current: { layer: 3 }, previous: { layer: 1 }, changed: ['content'] });
    expect(fileInfo(a, '/link', 3)).toEqual({ path: '/link', current: { layer: 3, type: 'symlink', size: 0, mode: 0o777, uid: 0, gid: 0, linkname: '/tool' } });
  });

  it('nothing for a path a whiteout removed or that no layer lists', () => {
    expect(fileInfo(a, '/gone', 2)).toEqual({ path: '/gone' });
    expect(fileInfo(a, '/gone', 1).current?.layer).toBe(0);
    expect(fileInfo(a, '/nowhere', 3)).toEqual({ path: '/nowhere' });
  });
});
