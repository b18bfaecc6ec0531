/**
 * The Electron link: the preload's `window.berth` bridge (see BerthBridge in shared/api.ts), with the
 * same per-call timeout and abort (call-guard.ts) and the same listener sets per topic (topics.ts) as the
 * WebSocket link.
 */
import type { BerthBridge } from '../../shared/api';
import { guardCall } from './call-guard';
import type { Link } from './link';
import { createTopics } from './topics';

declare global {
  interface Window {
    berth?: BerthBridge;
  }
}

export function ipcLink(bridge: BerthBridge): Link {
  const topics = createTopics((topic) => bridge.subscribe(topic, (payload) => topics.emit(topic, payload)));
  return {
    invoke: (method, args, opts = {}) => guardCall(method, args, opts, () => bridge.invoke(method, args)),
    signal: (name, args) => bridge.signal(name, args),
    subscribe: (topic, listener) => topics.subscribe(topic, listener),
    onState: (listener) => {
      listener('open');
      return () => {};
    },
  };
}
