import { describe, expect, it } from 'vitest';
import { chainIds, heldByBuildCache, layerSteps, reclaim, type ChainLayer } from './reclaim';

const L = (chainId: string, size: number, createdBy = ''): ChainLayer => ({ chainId, size, createdBy });

describe('chain IDs', () => {
  it('follow the OCI image spec', () => {
    // ChainID(L1) = sha256("<diffid0> <diffid1>"), checked with `printf 'sha256:a sha256:b' | sha256sum`.
    expect(chainIds(['sha256:a', 'sha256:b'])).toEqual(['sha256:a', 'sha256:970a948bffa8de94d6e22d747ba8c95030e6e546909f98f54e99a13005e173a8']);
    expect(chainIds([])).toEqual([]);
  });
});

describe('layer steps from history', () => {
  it('drops the config-only steps first, newest-first history read bottom up', () => {
    const history = [
      { Size: 0, CreatedBy: '/bin/sh -c #(nop)  CMD ["sh"]' },
      { Size: 5, CreatedBy: '/bin/sh -c echo b > /b' },
      { Size: 0, CreatedBy: 'RUN /bin/sh -c true # buildkit' },
      { Size: 7, CreatedBy: 'COPY x / # buildkit' },
    ];
    expect(layerSteps(3, history)?.map((h) => h.Size)).toEqual([7, 0, 5]);
    expect(layerSteps(2, history)?.map((h) => h.Size)).toEqual([7, 5]);
    expect(layerSteps(5, history)).toBeNull();
  });
});

describe('reclaim', () => {
  const layers = new Map([
    ['base', [L('b', 100)]],
    ['kept', [L('b', 100), L('k', 10)]],
    ['app', [L('b', 100), L('a', 20)]],
    ['solo1', [L('q', 300)]],
    ['solo2', [L('q', 300), L('r', 30)]],
  ]);

  it('frees the layers no image that stays holds, a layer shared among removed images once', () => {
    const r = reclaim(layers, new Set(['base', 'app', 'solo1', 'solo2']));
    expect(r.total).toBe(20 + 300 + 30);
    expect(Object.fromEntries(r.share)).toEqual({ base: 0, app: 20, solo1: 300, solo2: 30 });
    expect(Object.fromEntries(r.unique)).toEqual({ base: 0, app: 20, solo1: 0, solo2: 30 });
    expect(r.sharedWithKept.get('base')).toBe(1);
    expect(r.sharedWithKept.get('solo1')).toBe(0);
  });

  it('frees nothing of a layer the build cache holds', () => {
    const r = reclaim(layers, new Set(['app']), new Set(['a']));
    expect(r.total).toBe(0);
    expect(r.toBuildCache).toBe(20);
  });
});

describe('layers the build cache holds', () => {
  it('matches a shared record to a BuildKit RUN layer by size and command, each record once', () => {
    const ls = [L('x', 20, 'RUN /bin/sh -c make # buildkit'), L('y', 20, 'RUN /bin/sh -c other # buildkit'), L('z', 20, '/bin/sh -c make')];
    const cache = [
      { Size: 20, Shared: true, Description: 'mount / from exec /bin/sh -c other' },
      { Size: 20, Shared: false, Description: 'mount / from exec /bin/sh -c make' },
    ];
    expect([...heldByBuildCache(ls, cache)]).toEqual(['y']);
  });
});
