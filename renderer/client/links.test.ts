// One client suite over both links, each through Berth's real transport to a scripted router
// (electron/testing/scripted-router.ts):
// - WebSocket link → a real WebSocket (the `ws` client standing in for the browser's) → serve mode's real
//   server (electron/serve/server.ts);
// - IPC link → the real preload (electron/preload.ts) → the in-process stand-in for Electron's
//   ipcRenderer/contextBridge/ipcMain/WebContents (electron/testing/electron-pair.ts) → the real main-side
//   transport (electron/ipc.ts).
// The one renderer file that reaches the Node side (see eslint.config.mjs; type-checked by tsconfig.e2e.json).
// The WebSocket link's wire details are in ws-link.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import WS from 'ws';
import type { BerthBridge, Envelope } from '../../shared/api';
import type { ContainerSummary, ListDelta } from '../../shared/model';
import { electronPair, type ElectronPair, type NavigateOptions } from '../../electron/testing/electron-pair';
import { scriptedRouter, SYNC_ARGS, type ScriptedRouter } from '../../electron/testing/scripted-router';
import { startServer } from '../../electron/serve/server';
import { createListStore } from '../stores/list-store';
import { DEFAULT_CALL_TIMEOUT_MS } from './call-guard';
import { CallError, createClient } from './client';
import { ipcLink } from './ipc-link';
import type { Link } from './link';
import { wsLink } from './ws-link';

/** What a page does when it starts with its link (subscribing its stores, say). */
type PageStart = (link: Link) => void;

/** One window of Berth on one transport, with the far side scripted by the test. */
interface Harness {
  router: ScriptedRouter;
  /** The current page's link. */
  link: Link;
  /** Resolves once everything sent so far, either way, has arrived (a round trip on the link). */
  sync(): Promise<void>;
  /**
   * The page reloads (Ctrl+R, a dev-server full reload): the old page is gone, a new page starts with a new
   * link and runs `start` (in Electron before did-navigate, the order that is hardest for the transport).
   */
  reload(start?: PageStart): Promise<Link>;
  /** The page's transport is lost: WebSocket: the connection drops; IPC: the renderer process dies. */
  lose(): Promise<void>;
  /** Back after lose(): WebSocket: the link reconnects by itself; IPC: the page is reloaded and runs `start`. */
  restore(start: PageStart): Promise<Link>;
  close(): Promise<void>;
}

const TOKEN = 'links-test-token';

async function wsHarness(): Promise<Harness> {
  const router = scriptedRouter();
  const dir = mkdtempSync(path.join(tmpdir(), 'berth-links-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
  const server = await startServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: dir, router });
  // The page's sockets, so that a reload can make the old page vanish (sockets closed, none of its handlers run again).
  let sockets: WS[] = [];
  vi.stubGlobal(
    'WebSocket',
    class PageWebSocket extends WS {
      constructor(url: string) {
        super(url);
        sockets.push(this);
      }
    },
  );
  const opened = (link: Link) =>
    new Promise<void>((resolve) => {
      const off = link.onState((s) => {
        if (s !== 'open') return;
        queueMicrotask(() => off());
        resolve();
      });
    });
  const open = async (start?: PageStart) => {
    const link = wsLink(`ws://127.0.0.1:${server.port}/ws`, TOKEN);
    start?.(link);
    await opened(link);
    return link;
  };
  const h: Harness = {
    router,
    link: await open(),
    sync: async () => void (await h.link.invoke('engine.info', SYNC_ARGS)),
    async reload(start) {
      for (const s of sockets) {
        s.onclose = s.onmessage = s.onopen = null;
        s.close();
      }
      sockets = [];
      h.link = await open(start);
      return h.link;
    },
    async lose() {
      const gone = new Promise<void>((resolve) => h.link.onState((s) => s === 'closed' && resolve()));
      sockets.at(-1)!.terminate();
      await gone;
    },
    async restore() {
      // The link retries after its backoff (250 ms the first time); under fake timers that time is let pass.
      const back = opened(h.link);
      if (vi.isFakeTimers()) await vi.advanceTimersByTimeAsync(250);
      await back;
      return h.link;
    },
    async close() {
      for (const s of sockets) s.onclose = null;
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return h;
}

/** Berth's own page, as main.ts loads it. */
const PAGE_URL = 'app://berth/index.html';
const trusted = (url: string) => url.startsWith('app://berth/');

/** Load a page in the pair's window: Berth's real preload runs in it, then the page's own start. */
async function loadPage(pair: ElectronPair, url: string, start?: PageStart, opts: NavigateOptions = {}): Promise<Link> {
  let link: Link | undefined;
  await pair.navigate(url, {
    ...opts,
    preload: async (page) => {
      vi.resetModules();
      vi.doMock('electron', () => page.module);
      await import('../../electron/preload');
      link = ipcLink(page.world.berth as BerthBridge);
      start?.(link);
    },
  });
  return link!;
}

async function ipcHarness(): Promise<Harness & { pair: ElectronPair }> {
  const router = scriptedRouter();
  const pair = electronPair();
  vi.resetModules();
  vi.doMock('electron', () => pair.module);
  const { bindIpc } = await import('../../electron/ipc');
  const unbind = bindIpc(router, trusted);
  const h: Harness & { pair: ElectronPair } = {
    pair,
    router,
    link: await loadPage(pair, PAGE_URL),
    sync: async () => {
      await h.link.invoke('engine.info', SYNC_ARGS);
      await pair.settled();
    },
    reload: async (start) => (h.link = await loadPage(pair, PAGE_URL, start)),
    lose: async () => pair.crash(),
    restore: (start) => h.reload(start),
    async close() {
      unbind();
      vi.doUnmock('electron');
    },
  };
  return h;
}

type Container = ContainerSummary;
const container = (id: string): Container => ({ id, name: id, state: 'running' }) as unknown as Container;
const snapshot = (...items: Container[]): ListDelta<Container> => ({ kind: 'snapshot', items });

/** What the Containers view's store does: follow the topic into a list store. */
function follow(link: Link) {
  const store = createListStore<Container>((c) => c.id);
  link.subscribe('containers', (d) => store.getState().apply(d as ListDelta<Container>));
  return store;
}
const ids = (store: ReturnType<typeof follow>) => store.getState().items.map((c) => c.id);

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

describe('IPC transport across navigations (electron/ipc.ts with the stand-in pair)', () => {
  let h: Awaited<ReturnType<typeof ipcHarness>>;
  beforeEach(async () => {
    h = await ipcHarness();
  });
  afterEach(() => h.close());

  it('keeps the new page subscribed when did-navigate comes before its preload', async () => {
    h.router.setState('containers', snapshot(container('a')));
    follow(h.link);
    await h.sync();
    let list!: ReturnType<typeof follow>;
    h.link = await loadPage(h.pair, PAGE_URL, (link) => (list = follow(link)), { didNavigate: 'before-preload' });
    await h.sync();
    expect(ids(list)).toEqual(['a']);
    expect(h.router.subscribers('containers')).toBe(1);
  });

  it('keeps the page subscribed through a navigation the app cancels (will-navigate) and an in-page one', async () => {
    const got: unknown[] = [];
    h.router.setState('images', 'state');
    h.link.subscribe('images', (p) => got.push(p));
    await h.sync();
    h.pair.cancelledNavigation('file:///home/someone/dropped.tar');
    h.pair.inPageNavigation(`${PAGE_URL}#images`);
    h.router.publish('images', 'change');
    await h.sync();
    expect(got).toEqual(['state', 'change']);
    expect(h.router.subscribers('images')).toBe(1);
  });

  it('drops the subscriptions of a page whose renderer crashed, and all of them when the window closes', async () => {
    h.link.subscribe('images', () => {});
    h.link.subscribe('containers', () => {});
    await h.sync();
    h.pair.crash();
    expect([h.router.subscribers('images'), h.router.subscribers('containers')]).toEqual([0, 0]);
    h.link = await loadPage(h.pair, PAGE_URL, (link) => link.subscribe('images', () => {}));
    await h.sync();
    expect(h.router.subscribers('images')).toBe(1);
    h.pair.destroy();
    expect(h.router.subscribers('images')).toBe(0);
    expect(() => h.router.publish('images', 'after close')).not.toThrow();
  });

  it("answers and subscribes nobody once the window navigated away from Berth's page", async () => {
    h.router.setState('images', 'secret');
    h.link.subscribe('images', () => {});
    await h.sync();
    const got: unknown[] = [];
    const link = await loadPage(h.pair, 'https://evil.test/', (l) => l.subscribe('images', (p) => got.push(p)));
    expect(await link.invoke('containers.list', {})).toEqual({ ok: false, error: { name: 'Unauthorized', message: 'untrusted sender' } });
    h.router.publish('images', 'another secret');
    await h.pair.settled();
    expect(got).toEqual([]);
    expect(h.router.subscribers('images')).toBe(0);
    expect(h.router.calls).toEqual([]);
  });
});
