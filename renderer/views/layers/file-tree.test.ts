import { describe, expect, it } from 'vitest';
import type { TreeRow } from '../../../shared/layers';
import { flattenLoaded, flattenSearch } from './file-tree';

const r = (path: string, childCount = 0, level?: number): TreeRow => ({
  path,
  name: path.slice(path.lastIndexOf('/') + 1),
  kind: 'unchanged',
  type: childCount ? 'dir' : 'file',
  size: 0,
  bytes: 0,
  childCount,
  hasChanges: false,
  ...(level ? { level } : {}),
});

describe('Files tree rows', () => {
  const loaded = new Map<string, TreeRow[]>([
    ['/', [r('/etc', 2), r('/usr', 1), r('/x')]],
    ['/etc', [r('/etc/hosts'), r('/etc/passwd')]],
  ]);

  it('shows only expanded, loaded directories, with levels and positions', () => {
    expect(flattenLoaded(loaded, new Set()).map((v) => [v.row.path, v.level, v.pos, v.setSize, v.expanded])).toEqual([
      ['/etc', 1, 1, 3, false],
      ['/usr', 1, 2, 3, false],
      ['/x', 1, 3, 3, false],
    ]);
    const open = flattenLoaded(loaded, new Set(['/etc', '/usr']));
    expect(open.map((v) => v.row.path)).toEqual(['/etc', '/etc/hosts', '/etc/passwd', '/usr', '/x']);
    expect(open[1]).toMatchObject({ level: 2, pos: 1, setSize: 2 });
    expect(open.find((v) => v.row.path === '/usr')).toMatchObject({ expanded: true, loading: true });
  });

  it('numbers search results among the siblings that matched', () => {
    const rows = [r('/a', 2, 1), r('/a/b', 0, 2), r('/a/c', 1, 2), r('/a/c/d', 0, 3), r('/z', 0, 1)];
    expect(flattenSearch(rows).map((v) => [v.row.path, v.level, v.pos, v.setSize, v.expanded])).toEqual([
      ['/a', 1, 1, 2, true],
      ['/a/b', 2, 1, 2, false],
      ['/a/c', 2, 2, 2, true],
      ['/a/c/d', 3, 1, 1, false],
      ['/z', 1, 2, 2, false],
    ]);
  });
});
