import { describe, expect, it } from 'vitest';
import type { FileRow } from '../../../shared/layers';
import { allDirs, buildTree, filterTree, flatten } from './file-tree';

const rows: FileRow[] = [
  { path: '/etc', kind: 'unchanged', type: 'dir', size: 0 },
  { path: '/etc/passwd', kind: 'modified', type: 'file', size: 50 },
  { path: '/etc/hosts', kind: 'unchanged', type: 'file', size: 10 },
  { path: '/usr/bin/tool', kind: 'added', type: 'file', size: 1000 },
  { path: '/var/cache', kind: 'removed', type: 'dir', size: 400 },
];

describe('file tree', () => {
  it('adds the directories a change list leaves out and sums bytes below each node', () => {
    const t = buildTree(rows);
    expect(t.children.map((c) => c.name)).toEqual(['etc', 'usr', 'var']);
    const usr = t.children[1];
    expect(usr.row).toBeUndefined();
    expect(usr.bytes).toBe(1000);
    expect(t.bytes).toBe(1460);
    expect(t.children[0].changed).toBe(true);
  });

  it('filters by text and kind keeping ancestors, hides unchanged subtrees, sorts by size', () => {
    const t = buildTree(rows);
    const byText = flatten(filterTree(t, { text: 'pass' }), allDirs(t)).map((v) => v.node.path);
    expect(byText).toEqual(['/etc', '/etc/passwd']);
    const removed = flatten(filterTree(t, { kinds: ['removed'] }), allDirs(t)).map((v) => v.node.path);
    expect(removed).toEqual(['/var', '/var/cache']);
    const changedOnly = flatten(filterTree(t, { hideUnchanged: true }), allDirs(t)).map((v) => v.node.path);
    expect(changedOnly).not.toContain('/etc/hosts');
    const bySize = filterTree(t, { sort: 'size' }).children.map((c) => c.name);
    expect(bySize).toEqual(['usr', 'var', 'etc']);
  });

  it('flattens only expanded directories, with levels and positions for ARIA', () => {
    const t = buildTree(rows);
    const collapsed = flatten(t, new Set());
    expect(collapsed.map((v) => [v.node.name, v.level, v.pos, v.setSize, v.expanded])).toEqual([
      ['etc', 1, 1, 3, false],
      ['usr', 1, 2, 3, false],
      ['var', 1, 3, 3, false],
    ]);
    const open = flatten(t, new Set(['/etc']));
    expect(open.map((v) => v.node.path)).toEqual(['/etc', '/etc/passwd', '/etc/hosts', '/usr', '/var']);
    expect(open[1].level).toBe(2);
  });
});
