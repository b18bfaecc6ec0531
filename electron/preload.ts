/**
 * The sandboxed preload: exposes exactly the contract as `window.berth` (see `BerthBridge` in
 * shared/api.ts). Only contract method names, signal names and topics pass; the main process validates every payload.
 * The current state of a topic arrives once, when its first listener subscribes: the renderer's client
 * keeps one listener per topic and fans out itself.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { BerthBridge, Envelope } from '../shared/api';
import { isMethodName, isSignalName, isTopicName } from '../shared/names';

const listeners = new Map<string, Set<(payload: unknown) => void>>();

ipcRenderer.on('berth:event', (_e: IpcRendererEvent, topic: string, payload: unknown) => {
  for (const l of listeners.get(topic) ?? []) l(payload);
});

const bridge: BerthBridge = {
  invoke(method, args): Promise<Envelope> {
    if (!isMethodName(method)) {
      return Promise.resolve({ ok: false, error: { name: 'UnknownMethod', message: `no such method: ${String(method)}` } });
    }
    return ipcRenderer.invoke('berth:invoke', method, args) as Promise<Envelope>;
  },
  signal(name, args) {
    if (isSignalName(name)) ipcRenderer.send('berth:signal', name, args);
  },
  subscribe(topic, listener) {
    if (!isTopicName(topic)) throw new Error(`no such topic: ${String(topic)}`);
    let set = listeners.get(topic);
    if (!set) {
      set = new Set();
      listeners.set(topic, set);
      ipcRenderer.send('berth:subscribe', topic);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) {
        listeners.delete(topic);
        ipcRenderer.send('berth:unsubscribe', topic);
      }
    };
  },
};

contextBridge.exposeInMainWorld('berth', bridge);
