/**
 * A zustand store for one live list (containers, images): it holds the objects and applies the Node
 * side's deltas (snapshot / upsert / remove by ID) instead of refetching on every change.
 */
import { create, type StoreApi, type UseBoundStore } from 'zustand';
import type { ListDelta } from '../../shared/model';

export interface ListState<T> {
  /** Objects in the order the engine first listed them. */
  items: T[];
  /** False until the first snapshot arrives. */
  loaded: boolean;
  apply(delta: ListDelta<T>): void;
  /** Back to empty and not loaded (when the list is no longer followed). */
  reset(): void;
}

/** Pure: the list after a delta. Exported for unit tests. */
export function applyDelta<T>(items: T[], delta: ListDelta<T>, key: (item: T) => string): T[] {
  switch (delta.kind) {
    case 'snapshot':
      return delta.items;
    case 'upsert': {
      const id = key(delta.item);
      const i = items.findIndex((x) => key(x) === id);
      if (i < 0) return [...items, delta.item];
      const next = items.slice();
      next[i] = delta.item;
      return next;
    }
    case 'remove':
      return items.filter((x) => key(x) !== delta.id);
  }
}

export function createListStore<T>(key: (item: T) => string): UseBoundStore<StoreApi<ListState<T>>> {
  return create<ListState<T>>((set) => ({
    items: [],
    loaded: false,
    apply: (delta) => set((s) => ({ items: applyDelta(s.items, delta, key), loaded: true })),
    reset: () => set({ items: [], loaded: false }),
  }));
}
