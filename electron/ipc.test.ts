// The IPC transport's sender check, through the in-process stand-in for Electron's IPC pair (no Electron
// binary exists on our build machines; electron/testing/electron-pair.ts). Messages are sent raw on the
// channels, as a forged sender would; the router behind ipc.ts is the real one. The client suite over this
// transport, reloads included, is renderer/client/links.test.ts.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { electronPair, type ElectronPair, type Page } from './testing/electron-pair';

const pair: { now: ElectronPair } = { now: electronPair() };
vi.mock('electron', () => ({ get ipcMain() {
  return pair.now.module.ipcMain;
} }));

const { bindIpc } = await import('./ipc');
const { createRouter } = await import('./router');

const trusted = (url: string) => url.startsWith('app://berth/');

describe('IPC transport', () => {
  const calls: string[] = [];
  const services = {
    containers: { start: async () => (calls.push('start'), null) },
    sessions: { ack: (a: { rendered: number }) => (calls.push(`ack ${a.rendered}`), null) },
  } as never;
  let berth: Page;
  beforeEach(async () => {
    pair.now = electronPair();
    calls.length = 0;
    bindIpc(createRouter(services), trusted);
    berth = await pair.now.navigate('app://berth/index.html');
  });
  const invoke = (page: Page, method: string, args: unknown) => page.module.ipcRenderer.invoke('berth:invoke', method, args);
  const signal = (page: Page, name: unknown, args: unknown) => page.module.ipcRenderer.send('berth:signal', name, args);

  it("answers Berth's own top frame", async () => {
    expect(await invoke(berth, 'containers.start', { id: 'web' })).toEqual({ ok: true, result: null });
    expect(calls).toEqual(['start']);
  });

  it('refuses subframes and other origins without reaching a service', async () => {
    const unauthorized = { ok: false, error: { name: 'Unauthorized', message: 'untrusted sender' } };
    expect(await invoke(pair.now.subframe('app://berth/index.html'), 'containers.start', { id: 'web' })).toEqual(unauthorized);
    const evil = await pair.now.navigate('https://evil.test/');
    expect(await invoke(evil, 'containers.start', { id: 'web' })).toEqual(unauthorized);
    expect(calls).toEqual([]);
  });

  it('validates payloads from a trusted sender too', async () => {
    expect(await invoke(berth, 'containers.start', { id: { $gt: '' } })).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    expect(calls).toEqual([]);
  });

  it('takes one-way signals from its own top frame only, validated, and answers nothing', async () => {
    const id = '00000000-0000-4000-8000-000000000001';
    signal(berth, 'sessions.ack', { id, rendered: 7 });
    signal(pair.now.subframe('app://berth/index.html'), 'sessions.ack', { id, rendered: 9 });
    signal(berth, 'sessions.ack', { id, rendered: -1 });
    signal(berth, 'containers.start', { id: 'web' });
    signal(berth, ['sessions.ack'], { id, rendered: 10 });
    await pair.now.settled();
    const evil = await pair.now.navigate('https://evil.test/');
    signal(evil, 'sessions.ack', { id, rendered: 8 });
    await pair.now.settled();
    expect(calls).toEqual(['ack 7']);
  });
});
