/**
 * Test only: an in-process stand-in for Electron's IPC pair (no Electron binary can be had on our build
 * machines), so Berth's real `electron/ipc.ts` (main side) and `electron/preload.ts` (renderer side) run
 * against each other in a unit test. Mock the `electron` module with {@link ElectronPair.module} for the
 * main side and {@link Page.module} for each page's preload.
 *
 * Shapes copied from Electron 45 (node_modules/electron/electron.d.ts; electronjs.org/docs/latest/api/…):
 * - `ipcMain.handle(channel, (event: IpcMainInvokeEvent, ...args))` (a second handler for a channel throws
 *   "Attempted to register a second handler for '…'"), `removeHandler`, `on(channel, (event: IpcMainEvent,
 *   ...args))`, `removeAllListeners`. Both events carry `type: 'frame'`, `sender` (the WebContents),
 *   `senderFrame` (a WebFrameMain `{url, parent, top, processId, routingId, …}`, read when accessed: `null`
 *   once that frame is gone, structures/ipc-main-invoke-event), `processId`, `frameId`; IpcMainEvent
 *   adds `reply`, `returnValue`, `ports`.
 * - `ipcRenderer.invoke` resolves with the handler's (awaited) value; when the handler throws it rejects
 *   with "Error invoking remote method '<channel>': <error>", with no handler with "No handler registered
 *   for '<channel>'". `ipcRenderer.send`/`on`; listeners get `(event: IpcRendererEvent, ...args)`.
 * - `contextBridge.exposeInMainWorld(key, api)`: the page's world gets `key` (an existing key throws).
 * - WebContents: an EventEmitter with `id`, `send(channel, ...args)` (throws "Object has been destroyed"
 *   once destroyed), `isDestroyed()`, `getURL()`, `mainFrame`, and the events a reload, a
 *   navigation, a crash and a close emit, in Electron's documented order (web-contents.md, "Navigation
 *   Events": `did-start-navigation`, `will-navigate` (cancellable: a cancelled navigation stops here), …,
 *   `did-navigate`): `did-start-navigation` (details `Event<{url, isSameDocument, isMainFrame, frame,
 *   initiator}>`, then the deprecated url, isInPlace, isMainFrame, frameProcessId, frameRoutingId),
 *   `did-navigate` (event, url, httpResponseCode, httpStatusText), `render-process-gone` (event, {reason,
 *   exitCode}), `destroyed`. The same WebContents (and, for a same-site reload, the same main frame)
 *   outlives every reload; the page (its preload, `window`, listeners) is new each time.
 * - Arguments and results cross by the structured clone algorithm (`structuredClone`), as Electron's IPC
 *   does: functions are refused, prototypes are lost. Delivery is asynchronous and in order in each
 *   direction (a microtask, so fake timers do not hold it).
 */
import { EventEmitter } from 'node:events';

type Listener = (event: unknown, ...args: unknown[]) => unknown;

/** An Electron `Event` (preventDefault and defaultPrevented) with `fields`, their getters kept as getters. */
function electronEvent<T extends object>(fields: T): T & { preventDefault(): void; defaultPrevented: boolean } {
  const base = { defaultPrevented: false, preventDefault: () => void (base.defaultPrevented = true) };
  return Object.defineProperties(base, Object.getOwnPropertyDescriptors(fields)) as T & typeof base;
}

/** The stand-in of a main frame (WebFrameMain): same-site reloads keep it, its URL follows the page. */
export interface FrameStandIn {
  url: string;
  readonly parent: null;
  readonly top: FrameStandIn;
  readonly processId: number;
  readonly routingId: number;
  /** False once the WebContents is destroyed (Electron's `frame.detached`). */
  detached: boolean;
}

/** One page loaded in the WebContents: its own preload run, `window` and listeners. */
export interface Page {
  /** The `electron` module as this page's preload sees it (mock `electron` with this, then import the preload). */
  readonly module: { ipcRenderer: IpcRendererStandIn; contextBridge: { exposeInMainWorld(key: string, api: unknown): void } };
  /** What the preload exposed with contextBridge (`world.berth`). */
  readonly world: Record<string, unknown>;
  /** False once the page is gone (reloaded, navigated away, crashed, closed): its JavaScript runs no more. */
  readonly alive: boolean;
}

export interface IpcRendererStandIn {
  on(channel: string, listener: Listener): IpcRendererStandIn;
  send(channel: string, ...args: unknown[]): void;
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
}

export interface IpcMainStandIn {
  handle(channel: string, fn: Listener): void;
  removeHandler(channel: string): void;
  on(channel: string, fn: Listener): IpcMainStandIn;
  removeAllListeners(channel?: string): IpcMainStandIn;
}

/** The window's WebContents stand-in, the same object across reloads (as in Electron). */
export interface WebContentsStandIn extends EventEmitter {
  readonly id: number;
  readonly mainFrame: FrameStandIn;
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
  getURL(): string;
}

export interface NavigateOptions {
  /** The page's preload, run in the new page before `did-navigate` is emitted (default: none). */
  preload?: (page: Page) => Promise<void> | void;
  /**
   * When `did-navigate` is emitted: after the new page's preload ran and its first messages were delivered
   * (default), or before the new page exists. Electron gives no order between the two across processes.
   */
  didNavigate?: 'after-preload' | 'before-preload';
}

export interface ElectronPair {
  /** The `electron` module as the main process sees it: mock `electron` with this for ipc.ts. */
  readonly module: { ipcMain: IpcMainStandIn };
  readonly webContents: WebContentsStandIn;
  /** The page loaded now (null before the first load and after a crash or close). */
  readonly page: Page | null;
  /**
   * Load a page at `url` (the first load, a reload with the same url, a navigation): `did-start-navigation`,
   * then the old page is gone and a new one exists, its preload runs, `did-navigate` (see NavigateOptions).
   */
  navigate(url: string, opts?: NavigateOptions): Promise<Page>;
  /** Start a navigation that the app cancels in `will-navigate`: `did-start-navigation` only, the page stays. */
  cancelledNavigation(url: string): void;
  /** An in-page navigation (fragment, pushState): `did-start-navigation` with isSameDocument, the page stays. */
  inPageNavigation(url: string): void;
  /**
   * A document at `url` in a child frame of the current page. The preload does not run there (no
   * nodeIntegrationInSubFrames), so its ipcRenderer stands for a forged sender.
   */
  subframe(url: string): Page;
  /** The renderer process dies: `render-process-gone`, the page is gone, the WebContents stays. */
  crash(reason?: string): void;
  /** The window closes: the page is gone, then the WebContents is destroyed (`destroyed`). */
  destroy(): void;
  /** Resolves once every message sent so far in either direction was delivered. */
  settled(): Promise<void>;
}

let nextWebContentsId = 1;

/** A new stand-in pair: one ipcMain and one window's WebContents, no page loaded yet. */
export function electronPair(): ElectronPair {
  const handlers = new Map<string, Listener>();
  const mainListeners = new EventEmitter();
  let destroyed = false;
  let current: (Page & { listeners: Map<string, Set<Listener>>; kill(): void }) | null = null;
  let inFlight = 0;
  const idle: (() => void)[] = [];

  /** Run `fn` later, in order with everything else queued (the IPC pipe, one direction or the other). */
  const deliver = (fn: () => void) => {
    inFlight++;
    queueMicrotask(() => {
      try {
        fn();
      } finally {
        if (--inFlight === 0) for (const wake of idle.splice(0)) wake();
      }
    });
  };

  const frame: FrameStandIn = {
    url: '',
    parent: null,
    get top() {
      return frame;
    },
    processId: 1,
    routingId: 1,
    detached: false,
  };

  const wc = new EventEmitter() as WebContentsStandIn & { id: number; mainFrame: FrameStandIn };
  Object.assign(wc, {
    id: nextWebContentsId++,
    mainFrame: frame,
    send(channel: string, ...args: unknown[]) {
      if (destroyed) throw new Error('Object has been destroyed');
      const cloned = structuredClone(args);
      const page = current;
      deliver(() => {
        if (!page?.alive || page !== current) return;
        for (const l of page.listeners.get(channel) ?? []) l(electronEvent({ sender: page.module.ipcRenderer }), ...cloned);
      });
    },
    isDestroyed: () => destroyed,
    getURL: () => frame.url,
  });

  /** The event ipcMain's listeners get for a message of `page`: senderFrame is read when accessed. */
  const mainEvent = (page: Page, from: { url: string; parent: FrameStandIn | null; routingId: number }) =>
    electronEvent({
      type: 'frame' as const,
      sender: wc,
      processId: frame.processId,
      frameId: from.routingId,
      get senderFrame() {
        // Null once the frame has gone (Electron: "after the frame has either navigated or been destroyed").
        return page.alive || !frame.detached ? from : null;
      },
      ports: [],
      returnValue: undefined as unknown,
      reply: (channel: string, ...args: unknown[]) => wc.send(channel, ...args),
    });

  /** A page in the main frame, or (`sub`) a document in a child frame of it. */
  const newPage = (sub?: { url: string }): Page & { listeners: Map<string, Set<Listener>>; kill(): void } => {
    const from = sub ? { url: sub.url, parent: frame, top: frame, processId: frame.processId, routingId: 2, detached: false } : frame;
    let alive = true;
    const listeners = new Map<string, Set<Listener>>();
    const world: Record<string, unknown> = {};
    const ipcRenderer: IpcRendererStandIn = {
      on(channel, listener) {
        if (!alive) return ipcRenderer;
        const set = listeners.get(channel) ?? new Set();
        listeners.set(channel, set.add(listener));
        return ipcRenderer;
      },
      send(channel, ...args) {
        if (!alive) return;
        const cloned = structuredClone(args);
        deliver(() => void mainListeners.listeners(channel).forEach((l) => (l as Listener)(mainEvent(page, from), ...cloned)));
      },
      invoke(channel, ...args) {
        if (!alive) return new Promise(() => {});
        const cloned = structuredClone(args);
        return new Promise((resolve, reject) => {
          deliver(() => {
            const handler = handlers.get(channel);
            if (!handler) return reject(new Error(`No handler registered for '${channel}'`));
            // The reply crosses back once the handler's promise settles; a page gone by then never sees it.
            Promise.resolve()
              .then(() => handler(mainEvent(page, from), ...cloned))
              .then(
                (result) => {
                  const answer = structuredClone(result);
                  deliver(() => page.alive && resolve(answer));
                },
                (err: unknown) => deliver(() => page.alive && reject(new Error(`Error invoking remote method '${channel}': ${String(err)}`))),
              );
          });
        });
      },
    };
    const page = {
      module: {
        ipcRenderer,
        contextBridge: {
          exposeInMainWorld(key: string, api: unknown) {
            if (key in world) throw new Error('Cannot bind an API on top of an existing property on the window object');
            world[key] = api;
          },
        },
      },
      world,
      get alive() {
        return alive;
      },
      listeners,
      kill: () => {
        alive = false;
        listeners.clear();
      },
    };
    return page;
  };

  const startNavigation = (url: string, isSameDocument: boolean) =>
    wc.emit(
      'did-start-navigation',
      electronEvent({ url, isSameDocument, isMainFrame: true, frame, initiator: null }),
      url,
      isSameDocument,
      true,
      frame.processId,
      frame.routingId,
    );

  const settled = () => new Promise<void>((resolve) => (inFlight === 0 ? resolve() : idle.push(resolve)));

  return {
    module: {
      ipcMain: {
        handle(channel, fn) {
          if (handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
          handlers.set(channel, fn);
        },
        removeHandler: (channel) => void handlers.delete(channel),
        on(channel, fn) {
          mainListeners.on(channel, fn);
          return this;
        },
        removeAllListeners(channel) {
          mainListeners.removeAllListeners(channel);
          return this;
        },
      },
    },
    webContents: wc,
    get page() {
      return current;
    },
    async navigate(url, opts = {}) {
      if (destroyed) throw new Error('Object has been destroyed');
      startNavigation(url, false);
      // Commit: the old document is gone, the new one exists.
      current?.kill();
      const page = newPage();
      current = page;
      frame.url = url;
      const didNavigate = () => wc.emit('did-navigate', electronEvent({}), url, -1, '');
      if (opts.didNavigate === 'before-preload') didNavigate();
      await opts.preload?.(page);
      await settled();
      if (opts.didNavigate !== 'before-preload') didNavigate();
      return page;
    },
    cancelledNavigation(url) {
      // The app's will-navigate handler calls preventDefault(): nothing after did-start-navigation fires.
      startNavigation(url, false);
      const willNavigate = electronEvent({ url, isSameDocument: false, isMainFrame: true, frame, initiator: null });
      wc.emit('will-navigate', willNavigate, url);
    },
    subframe(url) {
      const child = newPage({ url });
      const parent = current;
      // The child frame goes with its parent page.
      if (parent) parent.kill = ((kill) => () => (kill(), child.kill()))(parent.kill);
      return child;
    },
    inPageNavigation(url) {
      startNavigation(url, true);
      wc.emit('did-navigate-in-page', electronEvent({}), url, true, frame.processId, frame.routingId);
    },
    crash(reason = 'crashed') {
      current?.kill();
      current = null;
      wc.emit('render-process-gone', electronEvent({}), { reason, exitCode: reason === 'crashed' ? 139 : 1 });
    },
    destroy() {
      current?.kill();
      current = null;
      destroyed = true;
      frame.detached = true;
      wc.emit('destroyed');
    },
    settled,
  };
}
