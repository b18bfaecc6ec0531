/**
 * The Electron IPC transport: binds the router to `ipcMain`. Every message's sender frame must be Berth's
 * own page (the `app://berth` origin, or the dev server in development); anything else is refused.
 * Channels: `berth:invoke` (method, args) → Envelope; `berth:signal` (name, args), one-way, validated
 * and dropped when refused; `berth:subscribe` / `berth:unsubscribe` (topic); events go back on
 * `berth:event` (topic, payload).
 *
 * Subscriptions belong to the page that made them, not to its WebContents, which outlives a reload (Ctrl+R,
 * a dev-server full reload) and a navigation; each page's preload subscribes anew. So, as for a new
 * serve-mode WebSocket (flow/subscriptions.ts):
 * - a subscribe always subscribes anew: the page receives the topic's current state first, also when the
 *   old page held that topic (keyed by WebContents and ignored as a repeat, a reloaded page's lists stayed
 *   empty until something changed);
 * - a main-frame, cross-document navigation that commits (`did-navigate`, which a reload emits too) drops
 *   what was subscribed before it started (`did-start-navigation`), and keeps what the new page subscribed
 *   meanwhile (Electron gives no order between did-navigate and the new page's first messages). A
 *   navigation cancelled in main.ts's `will-navigate` handler emits did-start-navigation but no
 *   did-navigate (web-contents.md, "Navigation Events"): that page keeps its subscriptions;
 * - `render-process-gone` (a crashed or killed renderer) and `destroyed` drop them all.
 */
import { ipcMain, type Event, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents, type WebContentsDidStartNavigationEventParams } from 'electron';
import type { Envelope } from '../shared/api';
import { callLimiter, type CallLimiter } from './flow/call-limit';
import { subscriptions, type Subscriptions } from './flow/subscriptions';
import type { Router } from './router';

/** Decides whether a frame URL is Berth's own page. */
export type TrustedUrl = (url: string) => boolean;

function senderTrusted(event: IpcMainEvent | IpcMainInvokeEvent, trusted: TrustedUrl): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && trusted(frame.url);
}

function logError(where: string, err: unknown): void {
  console.error(`berth ipc: ${where}: ${err instanceof Error ? err.message : String(err)}`);
}

/** What the transport keeps per window (WebContents). */
interface WindowState {
  subs: Subscriptions;
  /** Each window's calls wait behind its own bound (electron/flow/call-limit.ts). */
  calls: CallLimiter;
  /** The mark taken when the latest main-frame navigation started (see the module comment). */
  navigationStarted: number;
  /** Stop following the WebContents' events and let go of every subscription. */
  close(): void;
}

/** Register the IPC handlers. Returns a function that removes them and drops every subscription. */
export function bindIpc(router: Router, trusted: TrustedUrl): () => void {
  const windows = new Map<WebContents, WindowState>();

  const windowOf = (wc: WebContents): WindowState => {
    const known = windows.get(wc);
    if (known) return known;
    const subs = subscriptions((topic) => router.subscribe(topic, (payload) => {
      if (!wc.isDestroyed()) wc.send('berth:event', topic, payload);
    }), (err) => logError('unsubscribing', err));
    const onStart = (details: Event<WebContentsDidStartNavigationEventParams>) => {
      if (details.isMainFrame && !details.isSameDocument) win.navigationStarted = subs.mark();
    };
    const onNavigate = () => subs.dropBefore(win.navigationStarted);
    const onGone = () => subs.clear();
    const win: WindowState = {
      subs,
      calls: callLimiter(),
      navigationStarted: 0,
      close() {
        wc.off('did-start-navigation', onStart);
        wc.off('did-navigate', onNavigate);
        wc.off('render-process-gone', onGone);
        wc.off('destroyed', win.close);
        subs.clear();
        windows.delete(wc);
      },
    };
    wc.on('did-start-navigation', onStart);
    wc.on('did-navigate', onNavigate);
    wc.on('render-process-gone', onGone);
    wc.once('destroyed', win.close);
    windows.set(wc, win);
    return win;
  };

  ipcMain.handle('berth:invoke', async (event, method: unknown, args: unknown): Promise<Envelope> => {
    if (!senderTrusted(event, trusted)) return { ok: false, error: { name: 'Unauthorized', message: 'untrusted sender' } };
    return windowOf(event.sender).calls.run(() => router.call(method, args));
  });

  ipcMain.on('berth:signal', (event, name: unknown, args: unknown) => {
    // Refused (untrusted sender, or what the contract refuses): dropped; nothing is ever answered.
    if (senderTrusted(event, trusted)) router.signal(name, args);
  });

  ipcMain.on('berth:subscribe', (event, topic: unknown) => {
    if (!senderTrusted(event, trusted) || typeof topic !== 'string') return;
    try {
      windowOf(event.sender).subs.add(topic);
    } catch {
      // Unknown topic: the preload only sends contract topics, so this is a forged message; ignore it.
    }
  });

  ipcMain.on('berth:unsubscribe', (event, topic: unknown) => {
    if (!senderTrusted(event, trusted) || typeof topic !== 'string') return;
    windows.get(event.sender)?.subs.remove(topic);
  });

  return () => {
    ipcMain.removeHandler('berth:invoke');
    ipcMain.removeAllListeners('berth:signal');
    ipcMain.removeAllListeners('berth:subscribe');
    ipcMain.removeAllListeners('berth:unsubscribe');
    for (const win of [...windows.values()]) win.close();
  };
}
