import { describe, expect, it } from 'vitest';
import { applyDelta, createListStore } from './list-store';

type Item = { id: string; v: number };
const key = (x: Item) => x.id;

describe('applyDelta', () => {
  const base = [{ id: 'a', v: 1 }, { id: 'b', v: 1 }];
  it('replaces on snapshot, updates in place, appends new, removes by ID', () => {
    expect(applyDelta(base, { kind: 'snapshot', items: [{ id: 'z', v: 0 }] }, key)).toEqual([{ id: 'z', v: 0 }]);
    expect(applyDelta(base, { kind: 'upsert', item: { id: 'a', v: 2 } }, key)).toEqual([{ id: 'a', v: 2 }, { id: 'b', v: 1 }]);
    expect(applyDelta(base, { kind: 'upsert', item: { id: 'c', v: 1 } }, key)).toHaveLength(3);
    expect(applyDelta(base, { kind: 'remove', id: 'a' }, key)).toEqual([{ id: 'b', v: 1 }]);
    expect(base).toEqual([{ id: 'a', v: 1 }, { id: 'b', v: 1 }]);
  });
  it('a store is not loaded until its first delta', () => {
    const store = createListStore<Item>(key);
    expect(store.getState().loaded).toBe(false);
    store.getState().apply({ kind: 'snapshot', items: [] });
    expect(store.getState().loaded).toBe(true);
  });
});
