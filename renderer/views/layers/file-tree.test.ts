import { describe, expect, it } from 'vitest';
import type { TreeRow } from '../../../shared/layers';
import { describeRow, flattenLoaded, flattenSearch } from './file-tree';

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

describe("a Files tree item's accessible name", () => {
  const base = { ...r('/app/tool'), bytes: 6, size: 6, mode: 0o4755, uid: 0, gid: 0 };
  it('says what a modification changed, then the mode and owner as ls -ln prints them', () => {
    expect(describeRow({ ...base, kind: 'modified', changed: ['mode'] })).toBe('tool, file, modified (mode), 6 B, -rwsr-xr-x, 0:0');
  });
  it("names a symlink's target and a hard link's partner", () => {
    expect(describeRow({ ...base, name: 'l', type: 'symlink', mode: 0o777, linkname: '/app/tool', bytes: 0, kind: 'added' })).toBe('l → /app/tool, symlink, added, 0 B, lrwxrwxrwx, 0:0');
    expect(describeRow({ ...base, name: 'h', type: 'hardlink', mode: 0o644, linkname: '/app/conf', bytes: 0, kind: 'added', uid: 1000, gid: 1000 })).toBe(
      'h, hard link to /app/conf, added, 0 B, -rw-r--r--, 1000:1000',
    );
  });
  it('leaves out metadata a row does not carry (removed paths, implied directories)', () => {
    expect(describeRow({ ...r('/gone'), kind: 'removed' })).toBe('gone, file, removed, 0 B');
  });
});
