// Test support for the client suites (links.test.ts, ipc-navigation.test.ts), never shipped: one Berth
// window on each real transport, the far side a scripted router (electron/testing/scripted-router.ts):
// - WebSocket link → a real WebSocket (the `ws` client standing in for the browser's) → serve mode's real
//   server (electron/serve/server.ts);
// - IPC link → the real preload (electron/preload.ts) → the in-process stand-in for Electron's
//   ipcRenderer/contextBridge/ipcMain/WebContents (electron/testing/electron-pair.ts) → the real main-side
//   transport (electron/ipc.ts).
// With the two suites, the renderer files that reach the Node side (see eslint.config.mjs).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { vi } from 'vitest';
import WS from 'ws';
import type { BerthBridge } from '../../shared/api';
import type { ContainerSummary, ListDelta } from '../../shared/model';
import { electronPair, type ElectronPair, type NavigateOptions } from '../../electron/testing/electron-pair';
import { scriptedRouter, SYNC_ARGS, type ScriptedRouter } from '../../electron/testing/scripted-router';
import { startServer } from '../../electron/serve/server';
import { createListStore } from '../stores/list-store';
import { ipcLink } from './ipc-link';
import type { Link } from './link';
import { wsLink } from './ws-link';

/** What a page does when it starts with its link (subscribing its stores, say). */
export type PageStart = (link: Link) => void;

/** One window of Berth on one transport, with the far side scripted by the test. */
export interface Harness {
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

/** A window on the WebSocket link: serve mode's real server on a free loopback port, `ws` as the page's WebSocket. */
export async function wsHarness(): Promise<Harness> {
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
export const PAGE_URL = 'app://berth/index.html';
const trusted = (url: string) => url.startsWith('app://berth/');

/** Load a page in the pair's window: Berth's real preload runs in it, then the page's own start. */
export async function loadPage(pair: ElectronPair, url: string, start?: PageStart, opts: NavigateOptions = {}): Promise<Link> {
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

/** A window on the IPC link: the real preload and electron/ipc.ts through the in-process Electron stand-in. */
export async function ipcHarness(): Promise<Harness & { pair: ElectronPair }> {
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
/** A running container summary with only an ID (and the same name). */
export const container = (id: string): Container => ({ id, name: id, state: 'running' }) as unknown as Container;
/** The `containers` topic's first message: the whole list. */
export const snapshot = (...items: Container[]): ListDelta<Container> => ({ kind: 'snapshot', items });

/** What the Containers view's store does: follow the topic into a list store. */
export function follow(link: Link) {
  const store = createListStore<Container>((c) => c.id);
  link.subscribe('containers', (d) => store.getState().apply(d as ListDelta<Container>));
  return store;
}
/** The IDs a followed list holds, in order. */
export const ids = (store: ReturnType<typeof follow>) => store.getState().items.map((c) => c.id);
