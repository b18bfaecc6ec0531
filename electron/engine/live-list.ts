/**
 * A list of engine objects kept current by deltas: the Node side holds one per resource and turns each
 * refresh into the smallest set of `ListDelta`s (shared/model.ts) that brings a client's copy up to date.
 */
import { isDeepStrictEqual } from 'node:util';
import type { ListDelta } from '../../shared/model';

export class LiveList<T> {
  private readonly items = new Map<string, T>();

  /** @param key returns an object's stable ID. */
  constructor(private readonly key: (item: T) => string) {}

  /** The current objects, in insertion order. */
  snapshot(): ListDelta<T> {
    return { kind: 'snapshot', items: [...this.items.values()] };
  }

  /** The object with this ID, if held. */
  get(id: string): T | undefined {
    return this.items.get(id);
  }

  get size(): number {
    return this.items.size;
  }

  /** Replace the whole list (a full resync); returns one snapshot delta. */
  replaceAll(items: T[]): ListDelta<T> {
    this.items.clear();
    for (const item of items) this.items.set(this.key(item), item);
    return this.snapshot();
  }

  /**
   * Reconcile the objects with the given IDs against what the engine now reports for them: objects found
   * and changed become `upsert`s, IDs not found become `remove`s, unchanged objects produce nothing.
   */
  reconcile(ids: Iterable<string>, found: T[]): ListDelta<T>[] {
    const deltas: ListDelta<T>[] = [];
    const seen = new Set<string>();
    for (const item of found) {
      const id = this.key(item);
      seen.add(id);
      if (!isDeepStrictEqual(this.items.get(id), item)) {
        this.items.set(id, item);
        deltas.push({ kind: 'upsert', item });
      }
    }
    for (const id of ids) {
      if (!seen.has(id) && this.items.delete(id)) deltas.push({ kind: 'remove', id });
    }
    return deltas;
  }

  /** Diff a complete fresh list against the held one: upserts for new or changed, removes for gone. */
  diffAll(items: T[]): ListDelta<T>[] {
    const ids = new Set([...this.items.keys(), ...items.map(this.key)]);
    return this.reconcile(ids, items);
  }
}
