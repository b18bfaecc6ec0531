// Integration: leaving an engine is safe (issue #11). A monitor stopped while its event subscription is
// still being made stops at once; two engine switches at once leave exactly one set of services; a layer
// analysis of the old engine is cancelled by a switch; host shells survive it, engine sessions do not.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { LayerProgress } from '../../shared/layers';
import type { EngineCandidate } from '../../shared/engines';
import type { SessionEvent, SessionInfo } from '../../shared/sessions';
import { resolveEngineHost } from '../engine/host';
import { createRouter } from '../router';
import { createServices, type Services } from '../services';
import { docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { engineProxy } from '../testing/proxy';

const missing = await engineMissing();

/** Resolves with 'timeout' when `p` takes longer than `ms`. */
function within<T>(p: Promise<T>, ms: number): Promise<T | 'timeout'> {
  return Promise.race([p, new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), ms).unref())]);
}

/** A router on the test engine whose every made set of services is recorded with whether it was closed. */
function switchableRouter() {
  const made: { services: Services; closed: boolean }[] = [];
  const track = (s: Services) => {
    const entry = { services: s, closed: false };
    const close = s.close;
    s.close = async (o) => {
      await close(o);
      entry.closed = true;
    };
    made.push(entry);
    return s;
  };
  const initial = track(createServices());
  const router = createRouter(initial, { makeServices: (h, shared) => track(createServices(h, undefined, shared)) });
  return { router, made };
}

async function inUse(router: ReturnType<typeof createRouter>): Promise<EngineCandidate> {
  const list = await router.call('engines.list', {});
  if (!list.ok) throw new Error(list.error.message);
  return (list.result as EngineCandidate[]).find((e) => e.inUse)!;
}

describe.skipIf(missing)('leaving an engine', () => {
  it('stop() resolves promptly while the event subscription is still being made', async () => {
    const proxy = await engineProxy((_m, url) => (url.includes('/events') ? { delayMs: 120_000 } : 'pass'));
    const services = createServices(resolveEngineHost({ DOCKER_HOST: proxy.host }));
    try {
      await waitFor(() => proxy.seen.some((r) => r.includes('/events')), 10_000, 'the events request');
      const t = performance.now();
      expect(await within(services.close(), 2000)).not.toBe('timeout');
      expect(performance.now() - t).toBeLessThan(1000);
    } finally {
      await proxy.close();
    }
  });

  it('two switches at once leave exactly one set of services; every other is closed', async () => {
    const { router, made } = switchableRouter();
    const target = await inUse(router);
    const [a, b] = await Promise.all([router.call('engines.use', { id: target.id }), router.call('engines.use', { id: target.id })]);
    expect([a.ok, b.ok]).toEqual([true, true]);
    expect(made).toHaveLength(3);
    const open = made.filter((m) => !m.closed);
    expect(open).toHaveLength(1);
    expect(open[0]!.services).toBe(router.services());
    await router.services().close();
  });

  it('a switch cancels a layer analysis running on the old engine', async () => {
    const big = 'berth-test/big-random:latest';
    if (!(await docker(['images', '-q', big]))) {
      // ~120 MB of random bytes (incompressible): long enough to read that a switch lands mid-analysis.
      execFileSync('sh', ['-c', `d=$(mktemp -d) && head -c 120000000 /dev/urandom > "$d/blob" && tar -C "$d" -c blob | docker import - ${big}; rm -rf "$d"`], { env: process.env });
    }
    // A fresh analysis cache, or the report of an earlier run would come back at once.
    process.env.BERTH_CACHE_DIR = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-switch-cache-'));
    const { router } = switchableRouter();
    // The old engine's own progress feed (the router's subscriptions move to the new services on a switch).
    const progress: LayerProgress[] = [];
    router.services().layers.subscribe((p) => progress.push(p));
    const analysis = router.call('layers.analyze', { image: big });
    await waitFor(() => progress.some((p) => p.image === big && p.state === 'running'), 10_000, 'analysis running');
    const target = await inUse(router);
    expect((await router.call('engines.use', { id: target.id })).ok).toBe(true);
    const result = await within(analysis, 10_000);
    expect(result !== 'timeout' && !result.ok && result.error.name).toBe('Cancelled');
    await waitFor(() => progress.some((p) => p.image === big && p.state === 'cancelled'), 5000, 'cancelled progress');
    const last = progress.findLastIndex((p) => p.image === big && p.state === 'cancelled');
    expect(progress.slice(last + 1).filter((p) => p.image === big)).toEqual([]);
    await router.services().close();
  }, 60_000);
});

describe.skipIf(missing)('host terminals across an engine switch', () => {
  it('a host shell (and its background job) survives engines.use; an exec session on the old engine is closed', async () => {
    const { router } = switchableRouter();
    const events: SessionEvent[] = [];
    router.subscribe('sessions', (e) => events.push(e as SessionEvent));
    const size = { cols: 80, rows: 24 };
    const box = uniqueName('sw-box');
    await docker(['run', '-d', '--name', box, TEST_IMAGE, 'sleep', '300']);
    try {
      const host = await router.call('sessions.host', { size });
      const exec = await router.call('sessions.exec', { container: box, size });
      if (!host.ok || !exec.ok) throw new Error('sessions did not open');
      const hostId = (host.result as SessionInfo).id;
      const execId = (exec.result as SessionInfo).id;
      const output = (id: string) => events.flatMap((e) => ('output' in e && e.output.id === id ? [e.output.data] : [])).join('');
      // A background job that outlives the switch, then a marker once the shell answers.
      await router.call('sessions.input', { id: hostId, data: 'sleep 300 & echo bg-$((40+2))\n' });
      await waitFor(() => output(hostId).includes('bg-42'), 5000, 'host shell answers');

      const target = await inUse(router);
      expect((await router.call('engines.use', { id: target.id })).ok).toBe(true);

      const state = (id: string) => events.flatMap((e) => ('session' in e && e.session.id === id ? [e.session.state] : [])).at(-1);
      await waitFor(() => events.some((e) => 'removed' in e && e.removed === execId), 5000, 'exec session closed');
      expect(state(hostId)).toBe('open');
      expect(await router.call('sessions.input', { id: hostId, data: 'jobs; echo after-$((6*7))\n' })).toEqual({ ok: true, result: null });
      await waitFor(() => output(hostId).includes('after-42'), 5000, 'host shell still answers after the switch');
      expect(output(hostId)).toMatch(/sleep 300/);
      await router.call('sessions.close', { id: hostId });
    } finally {
      await router.services().close();
      await docker(['rm', '-f', box]);
    }
  });
});
