import { describe, expect, it } from 'vitest';
import { view } from './lazy';

const Component = () => null;

describe('view', () => {
  it('first() loads the chunk once and starts its data read; preload() alone does not', async () => {
    let loads = 0;
    let prefetches = 0;
    const v = view(async () => {
      loads += 1;
      return { Shown: Component, prefetch: () => void (prefetches += 1) };
    }, 'Shown');
    await v.preload();
    expect([loads, prefetches]).toEqual([1, 0]);
    await v.first();
    expect([loads, prefetches]).toEqual([1, 1]);
  });

  it('first() of a module without prefetch only loads it', async () => {
    const v = view(async () => ({ Shown: Component }), 'Shown');
    await expect(v.first()).resolves.toBeUndefined();
  });

  it('a chunk that failed to load is fetched again by the next preload', async () => {
    let tries = 0;
    const v = view(async () => {
      tries += 1;
      if (tries === 1) throw new Error('chunk failed');
      return { Shown: Component };
    }, 'Shown');
    await expect(v.first()).rejects.toThrow('chunk failed');
    await v.preload();
    expect(tries).toBe(2);
  });
});
