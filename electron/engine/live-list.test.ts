import { describe, expect, it } from 'vitest';
import { LiveList } from './live-list';

type Item = { id: string; v: number };
const list = () => new LiveList<Item>((x) => x.id);

describe('LiveList', () => {
  it('replaceAll gives a snapshot of exactly the new items', () => {
    const l = list();
    l.replaceAll([{ id: 'a', v: 1 }]);
    expect(l.replaceAll([{ id: 'b', v: 2 }])).toEqual({ kind: 'snapshot', items: [{ id: 'b', v: 2 }] });
    expect(l.size).toBe(1);
  });

  it('reconcile emits upserts for new or changed objects, removes for missing IDs, nothing for unchanged', () => {
    const l = list();
    l.replaceAll([{ id: 'a', v: 1 }, { id: 'b', v: 1 }]);
    const deltas = l.reconcile(['a', 'b', 'c'], [{ id: 'a', v: 1 }, { id: 'c', v: 3 }]);
    expect(deltas).toEqual([{ kind: 'upsert', item: { id: 'c', v: 3 } }, { kind: 'remove', id: 'b' }]);
    expect(l.reconcile(['a'], [{ id: 'a', v: 2 }])).toEqual([{ kind: 'upsert', item: { id: 'a', v: 2 } }]);
    expect(l.reconcile(['zzz'], [])).toEqual([]);
  });

  it('diffAll compares a complete list against the held one', () => {
    const l = list();
    l.replaceAll([{ id: 'a', v: 1 }, { id: 'b', v: 1 }]);
    expect(l.diffAll([{ id: 'b', v: 1 }, { id: 'c', v: 1 }])).toEqual([
      { kind: 'upsert', item: { id: 'c', v: 1 } },
      { kind: 'remove', id: 'a' },
    ]);
    expect(l.snapshot()).toEqual({ kind: 'snapshot', items: [{ id: 'b', v: 1 }, { id: 'c', v: 1 }] });
  });
});
