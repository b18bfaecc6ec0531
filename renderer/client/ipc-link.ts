/** The Electron link: the preload's `window.berth` bridge (see BerthBridge in shared/api.ts). */
import type { BerthBridge } from '../../shared/api';
import type { Link } from './link';

declare global {
  interface Window {
    berth?: BerthBridge;
  }
}

export function ipcLink(bridge: BerthBridge): Link {
  return {
    invoke: (method, args) => bridge.invoke(method, args),
    subscribe: (topic, listener) => bridge.subscribe(topic, listener),
    onState: (listener) => {
      listener('open');
      return () => {};
    },
  };
}
