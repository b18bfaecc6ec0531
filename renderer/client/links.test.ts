// One client suite over both links, each through Berth's real transport to a scripted router (the
// harness: links-harness.ts). The WebSocket link's wire details are in ws-link.test.ts; the IPC transport
// across navigations in ipc-navigation.test.ts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Envelope } from '../../shared/api';
import { DEFAULT_CALL_TIMEOUT_MS } from './call-guard';
import { CallError, createClient } from './client';
import { container, follow, ids, ipcHarness, snapshot, wsHarness, type Harness } from './links-harness';

const OK: Envelope = { ok: true, result: [] };

describe.each([
  ['WebSocket link, serve-mode server', wsHarness],
  ['IPC link, preload and ipc.ts', ipcHarness],
])('%s', (_name, make) => {
  let h: Harness;
  beforeEach(async () => {
    h = await make();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await h.close();
    vi.unstubAllGlobals();
  });

  it('resolves a call with its answer', async () => {
    const p = h.link.invoke('containers.list', {});
    const call = await h.router.nextCall();
    expect([call.method, call.args]).toEqual(['containers.list', {}]);
    call.answer(OK);
    expect(await p).toEqual(OK);
  });

  it('turns an error envelope into a CallError with its name, each answer to its own call', async () => {
    const client = createClient(h.link);
    const a = client.call('containers.start', { id: 'web' });
    const b = client.call('containers.stop', { id: 'db' });
    const first = await h.router.nextCall();
    const second = await h.router.nextCall();
    second.answer({ ok: true, result: null });
    first.answer({ ok: false, error: { name: 'NotFound', message: 'no such container: web' } });
    await expect(b).resolves.toBeNull();
    const err = await a.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CallError);
    expect(err).toMatchObject({ name: 'NotFound', message: 'no such container: web' });
  });

  it('times a call out after its method timeout and drops the late answer', async () => {
    vi.useFakeTimers();
    let got: Envelope | undefined;
    void h.link.invoke('containers.list', {}).then((e) => (got = e));
    const call = await h.router.nextCall();
    await vi.advanceTimersByTimeAsync(DEFAULT_CALL_TIMEOUT_MS - 1);
    expect(got).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toMatchObject({ ok: false, error: { name: 'Timeout' } });
    call.answer(OK);
    await h.sync();
    expect(got).toMatchObject({ ok: false, error: { name: 'Timeout' } });
  });

  it('gives long work no timeout and honours a per-call override', async () => {
    vi.useFakeTimers();
    let analysed: Envelope | undefined;
    void h.link.invoke('layers.analyze', { image: 'x' }).then((e) => (analysed = e));
    let quick: Envelope | undefined;
    void h.link.invoke('containers.list', {}, { timeoutMs: 50 }).then((e) => (quick = e));
    const analyze = await h.router.nextCall();
    expect(analyze.method).toBe('layers.analyze');
    await vi.advanceTimersByTimeAsync(50);
    expect(quick).toMatchObject({ ok: false, error: { name: 'Timeout' } });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(analysed).toBeUndefined();
    analyze.answer(OK);
    await h.sync();
    expect(analysed).toEqual(OK);
  });

  it('resolves Aborted when the caller aborts, drops the late answer, and sends nothing for an already aborted call', async () => {
    const ctl = new AbortController();
    const p = h.link.invoke('containers.list', {}, { signal: ctl.signal });
    ctl.abort();
    expect(await p).toMatchObject({ ok: false, error: { name: 'Aborted' } });
    (await h.router.nextCall()).answer(OK);
    expect(await h.link.invoke('containers.list', {}, { signal: ctl.signal })).toMatchObject({ ok: false, error: { name: 'Aborted' } });
    await h.sync();
    expect(await p).toMatchObject({ ok: false, error: { name: 'Aborted' } });
    expect(h.router.calls).toHaveLength(1);
  });

  it('sends signals one-way and in order, with no timer and nothing to answer', async () => {
    vi.useFakeTimers();
    const id = '00000000-0000-4000-8000-000000000001';
    const timers = vi.getTimerCount();
    h.link.signal('sessions.keys', { id, data: 'x' });
    h.link.signal('sessions.resize', { id, cols: 80, rows: 24 });
    h.link.signal('sessions.ack', { id, rendered: 10 });
    expect(vi.getTimerCount()).toBe(timers);
    await h.sync();
    expect(h.router.signals).toEqual([`sessions.keys {"id":"${id}","data":"x"}`, `sessions.resize {"id":"${id}","cols":80,"rows":24}`, `sessions.ack {"id":"${id}","rendered":10}`]);
    expect(h.router.calls).toEqual([]);
  });

  it('gives a new subscriber the current state first, then the changes; a second listener of an open topic gets changes only', async () => {
    h.router.setState('containers', snapshot(container('a')));
    const first = follow(h.link);
    await h.sync();
    expect(ids(first)).toEqual(['a']);
    const later: unknown[] = [];
    h.link.subscribe('containers', (d) => later.push(d));
    h.router.publish('containers', { kind: 'upsert', item: container('b') });
    h.router.publish('containers', { kind: 'remove', id: 'a' });
    await h.sync();
    expect(ids(first)).toEqual(['b']);
    expect(later).toEqual([{ kind: 'upsert', item: container('b') }, { kind: 'remove', id: 'a' }]);
  });

  it('keeps a set of listeners per topic, subscribing upstream once and unsubscribing after the last', async () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = h.link.subscribe('images', (p) => a.push(p));
    const offB = h.link.subscribe('images', (p) => b.push(p));
    await h.sync();
    expect(h.router.subscribers('images')).toBe(1);
    h.router.publish('images', 1);
    await h.sync();
    expect([a, b]).toEqual([[1], [1]]);
    offA();
    h.router.publish('images', 2);
    await h.sync();
    expect([a, b]).toEqual([[1], [1, 2]]);
    expect(h.router.subscribers('images')).toBe(1);
    offB();
    await h.sync();
    expect(h.router.subscribers('images')).toBe(0);
  });

  it('still delivers to the other listeners when one throws', async () => {
    const got: unknown[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    h.link.subscribe('images', () => {
      throw new Error('listener bug');
    });
    h.link.subscribe('images', (p) => got.push(p));
    await h.sync();
    h.router.publish('images', 'x');
    await h.sync();
    expect(got).toEqual(['x']);
    quiet.mockRestore();
  });

  it('carries a stream whole and in order', async () => {
    const got: unknown[] = [];
    h.link.subscribe('logs', (p) => got.push(p));
    await h.sync();
    const chunks = Array.from({ length: 500 }, (_, i) => ({ seq: i, text: `line ${i}\n`.repeat(20) }));
    for (const c of chunks) h.router.publish('logs', c);
    await h.sync();
    expect(got).toEqual(chunks);
  });

  it('after a reload the new page gets whole lists (the current state first) and the old page holds no subscription', async () => {
    h.router.setState('containers', snapshot(container('a')));
    const before = follow(h.link);
    h.link.subscribe('images', () => {});
    await h.sync();
    expect(ids(before)).toEqual(['a']);
    h.router.setState('containers', snapshot(container('a'), container('b')));
    let after!: ReturnType<typeof follow>;
    await h.reload((link) => (after = follow(link)));
    await h.sync();
    expect(ids(after)).toEqual(['a', 'b']);
    expect([h.router.subscribers('containers'), h.router.subscribers('images')]).toEqual([1, 0]);
    h.router.publish('containers', { kind: 'remove', id: 'a' });
    await h.sync();
    expect(ids(after)).toEqual(['b']);
  });

  it('unsubscribes when the transport is lost, and resends the current state once it is back', async () => {
    h.router.setState('containers', snapshot(container('a')));
    let list = follow(h.link);
    await h.sync();
    await h.lose();
    await h.router.untilSubscribers('containers', 0);
    h.router.setState('containers', snapshot(container('c')));
    await h.restore((link) => (list = follow(link)));
    await h.sync();
    expect(ids(list)).toEqual(['c']);
    expect(h.router.subscribers('containers')).toBe(1);
  });
});
