// The preload's bridge with Electron's contextBridge and ipcRenderer replaced by recorders (no Electron
// binary exists on our build machines): only the contract's names pass, signals go one-way.
import { expect, it, vi } from 'vitest';
import type { BerthBridge } from '../shared/api';

const sent: unknown[][] = [];
let bridge: BerthBridge | undefined;
vi.mock('electron', () => ({
  contextBridge: { exposeInMainWorld: (_key: string, api: BerthBridge) => (bridge = api) },
  ipcRenderer: { on: () => undefined, send: (...args: unknown[]) => sent.push(args), invoke: async () => ({ ok: true, result: null }) },
}));
await import('./preload');

it('sends contract signals one-way on berth:signal and drops any other name', () => {
  const id = '00000000-0000-4000-8000-000000000001';
  expect(bridge!.signal('sessions.ack', { id, rendered: 3 })).toBeUndefined();
  bridge!.signal('containers.remove' as never, { id: 'web', force: true });
  bridge!.signal('sessions.input' as never, { id, data: 'x' });
  expect(sent).toEqual([['berth:signal', 'sessions.ack', { id, rendered: 3 }]]);
});
