import { describe, expect, it } from 'vitest';
import { withGroups } from './grouping';

type R = { id: string; g?: string };
const rows: R[] = [{ id: 'a' }, { id: 'w1', g: 'web' }, { id: 'b' }, { id: 'd1', g: 'db' }, { id: 'w2', g: 'web' }];
const of = (r: R) => r.g;
const show = (e: ReturnType<typeof withGroups<R>>) => e.map((x) => (x.kind === 'group' ? `[${x.key}${x.expanded ? '' : '+'}]` : x.group ? `  ${x.row.id}` : x.row.id));

describe('withGroups', () => {
  it('puts each group where its first member is, members following in sorted order, loose rows in place', () => {
    expect(show(withGroups(rows, of, new Set()))).toEqual(['a', '[web]', '  w1', '  w2', 'b', '[db]', '  d1']);
  });
  it('keeps a collapsed group as its header only, with all its rows counted', () => {
    const e = withGroups(rows, of, new Set(['web']));
    expect(show(e)).toEqual(['a', '[web+]', 'b', '[db]', '  d1']);
    const web = e.find((x) => x.kind === 'group' && x.key === 'web');
    expect(web?.kind === 'group' && web.rows.map((r) => r.id)).toEqual(['w1', 'w2']);
  });
  it('moves whole groups when the order changes', () => {
    expect(show(withGroups([...rows].reverse(), of, new Set()))).toEqual(['[web]', '  w2', '  w1', '[db]', '  d1', 'b', 'a']);
  });
  it('is the plain list when no row has a group', () => {
    expect(show(withGroups([{ id: 'x' }, { id: 'y' }], of, new Set()))).toEqual(['x', 'y']);
  });
});
