/**
 * The Electron IPC transport: binds the router to `ipcMain`. Every message's sender frame must be Berth's
 * own page (the `app://berth` origin, or the dev server in development); anything else is refused.
 * Channels: `berth:invoke` (method, args) → Envelope; `berth:signal` (name, args), one-way, validated
 * and dropped when refused; `berth:subscribe` / `berth:unsubscribe` (topic); events go back on
 * `berth:event` (topic, payload).
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import type { Envelope } from '../shared/api';
import { callLimiter, type CallLimiter } from './flow/call-limit';
import type { Router } from './router';

/** Decides whether a frame URL is Berth's own page. */
export type TrustedUrl = (url: string) => boolean;

function senderTrusted(event: IpcMainEvent | IpcMainInvokeEvent, trusted: TrustedUrl): boolean {
  const frame = event.senderFrame;
  return frame !== null && frame.parent === null && trusted(frame.url);
}

/** Register the IPC handlers. Returns a function that removes them. */
export function bindIpc(router: Router, trusted: TrustedUrl): () => void {
  const subs = new Map<WebContents, Map<string, () => void>>();
  // Each window's calls wait behind its own bound (electron/flow/call-limit.ts).
  const limiters = new WeakMap<WebContents, CallLimiter>();
  const limiterOf = (wc: WebContents): CallLimiter => {
    let l = limiters.get(wc);
    if (!l) limiters.set(wc, (l = callLimiter()));
    return l;
  };

  ipcMain.handle('berth:invoke', async (event, method: unknown, args: unknown): Promise<Envelope> => {
    if (!senderTrusted(event, trusted)) return { ok: false, error: { name: 'Unauthorized', message: 'untrusted sender' } };
    return limiterOf(event.sender).run(() => router.call(method, args));
  });

  ipcMain.on('berth:signal', (event, name: unknown, args: unknown) => {
    // Refused (untrusted sender, or what the contract refuses): dropped; nothing is ever answered.
    if (senderTrusted(event, trusted)) router.signal(name, args);
  });

  ipcMain.on('berth:subscribe', (event, topic: unknown) => {
    if (!senderTrusted(event, trusted) || typeof topic !== 'string') return;
    const wc = event.sender;
    let mine = subs.get(wc);
    if (!mine) {
      const created = new Map<string, () => void>();
      subs.set(wc, created);
      wc.once('destroyed', () => {
        for (const off of created.values()) off();
        subs.delete(wc);
      });
      mine = created;
    }
    if (mine.has(topic)) return;
    try {
      mine.set(topic, router.subscribe(topic, (payload) => {
        if (!wc.isDestroyed()) wc.send('berth:event', topic, payload);
      }));
    } catch {
      // Unknown topic: the preload only sends contract topics, so this is a forged message; ignore it.
    }
  });

  ipcMain.on('berth:unsubscribe', (event, topic: unknown) => {
    if (!senderTrusted(event, trusted) || typeof topic !== 'string') return;
    const mine = subs.get(event.sender);
    mine?.get(topic)?.();
    mine?.delete(topic);
  });

  return () => {
    ipcMain.removeHandler('berth:invoke');
    ipcMain.removeAllListeners('berth:signal');
    ipcMain.removeAllListeners('berth:subscribe');
    ipcMain.removeAllListeners('berth:unsubscribe');
    for (const m of subs.values()) for (const off of m.values()) off();
    subs.clear();
  };
}
