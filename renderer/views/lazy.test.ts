import { describe, expect, it } from 'vitest';
import { view } from './lazy';

const Component = () => null;

describe('view', () => {
  it('first() loads the chunk once and starts its data read; preload() alone does not', async () => {
    let loads = 0;
    let prefetches = 0;
    const v = view(
      async () => {
        loads += 1;
        return { Shown: Component };
      },
      'Shown',
      () => void (prefetches += 1),
    );
    await v.preload();
    expect([loads, prefetches]).toEqual([1, 0]);
    await v.first();
    expect([loads, prefetches]).toEqual([1, 1]);
  });

  it('first() starts the data read before the chunk has arrived, not after', async () => {
    let arrive: (m: { Shown: typeof Component }) => void = () => undefined;
    let prefetched = false;
    const v = view(() => new Promise<{ Shown: typeof Component }>((r) => (arrive = r)), 'Shown', () => void (prefetched = true));
    const loading = v.first();
    expect(prefetched).toBe(true);
    arrive({ Shown: Component });
    await loading;
  });

  it('first() of a view without prefetch only loads it', async () => {
    let loads = 0;
    const v = view(async () => {
      loads += 1;
      return { Shown: Component };
    }, 'Shown');
    await expect(v.first()).resolves.toEqual({ Shown: Component });
    expect(loads).toBe(1);
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
