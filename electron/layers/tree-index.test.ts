import { describe, expect, it } from 'vitest';
import type { FileRow } from '../../shared/layers';
import { TreeIndex } from './tree-index';

const rows: FileRow[] = [
  { path: '/etc', kind: 'unchanged', type: 'dir', size: 0 },
  { path: '/etc/passwd', kind: 'modified', type: 'file', size: 50, changed: ['content'] },
  { path: '/etc/hosts', kind: 'unchanged', type: 'file', size: 10 },
  { path: '/usr/bin/tool', kind: 'added', type: 'file', size: 1000 },
  { path: '/var/cache', kind: 'removed', type: 'dir', size: 400 },
];
const byName = { sort: 'name', hideUnchanged: false } as const;

describe('TreeIndex', () => {
  const t = new TreeIndex(rows);

  it('adds the directories a change list leaves out, with bytes and changes below each', () => {
    expect(t.size).toBe(8);
    const top = t.children(['/'], byName)['/'];
    expect(top.map((r) => [r.name, r.bytes, r.childCount, r.hasChanges])).toEqual([
      ['etc', 60, 2, true],
      ['usr', 1000, 1, true],
      ['var', 400, 1, true],
    ]);
    expect(t.children(['/etc'], byName)['/etc'].map((r) => [r.name, r.kind, r.changed])).toEqual([
      ['hosts', 'unchanged', undefined],
      ['passwd', 'modified', ['content']],
    ]);
    expect(t.children(['/nope'], byName)['/nope']).toEqual([]);
  });

  it('sorts by size and leaves out unchanged subtrees when asked', () => {
    expect(t.children(['/'], { sort: 'size', hideUnchanged: false })['/'].map((r) => r.name)).toEqual(['usr', 'var', 'etc']);
    expect(t.children(['/etc'], { sort: 'name', hideUnchanged: true })['/etc'].map((r) => r.name)).toEqual(['passwd']);
  });

  it('searches by text and kind, returning matches with their ancestors depth first', () => {
    expect(t.search('pass', [], 100, byName).rows.map((r) => [r.path, r.level])).toEqual([
      ['/etc', 1],
      ['/etc/passwd', 2],
    ]);
    const removed = t.search('', ['removed'], 100, byName);
    expect(removed.rows.map((r) => r.path)).toEqual(['/var', '/var/cache']);
    expect(removed.matches).toBe(1);
    const capped = t.search('', [], 2, byName);
    expect(capped).toMatchObject({ matches: 2, truncated: true });
  });

  it('handles a 10,000-deep path without overflowing the stack', () => {
    const deep = `/${Array.from({ length: 10_000 }, (_, i) => `d${i}`).join('/')}/leaf`;
    const big = new TreeIndex([{ path: deep, kind: 'added', type: 'file', size: 7 }]);
    expect(big.children(['/'], byName)['/'][0]).toMatchObject({ name: 'd0', bytes: 7, hasChanges: true });
  });
});
