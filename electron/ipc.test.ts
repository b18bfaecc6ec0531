// The IPC transport's sender check, with Electron's ipcMain replaced by a recorder (no Electron binary
// exists on our build machines). The router behind it is the real one.
import { beforeEach, describe, expect, it, vi } from 'vitest';

const handlers = new Map<string, (...args: unknown[]) => unknown>();
vi.mock('electron', () => ({
  ipcMain: {
    handle: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn),
    on: (channel: string, fn: (...args: unknown[]) => unknown) => handlers.set(channel, fn),
    removeHandler: (channel: string) => handlers.delete(channel),
    removeAllListeners: (channel: string) => handlers.delete(channel),
  },
}));

const { bindIpc } = await import('./ipc');
const { createRouter } = await import('./router');

const frame = (url: string, parent: unknown = null) => ({ senderFrame: { url, parent }, sender: { send: vi.fn(), isDestroyed: () => false, once: vi.fn() } });
const trusted = (url: string) => url.startsWith('app://berth/');

describe('IPC transport', () => {
  const calls: string[] = [];
  const services = {
    containers: { start: async () => (calls.push('start'), null) },
    sessions: { ack: (a: { rendered: number }) => (calls.push(`ack ${a.rendered}`), null) },
  } as never;
  beforeEach(() => {
    handlers.clear();
    calls.length = 0;
    bindIpc(createRouter(services), trusted);
  });

  it("answers Berth's own top frame", async () => {
    const invoke = handlers.get('berth:invoke')!;
    expect(await invoke(frame('app://berth/index.html'), 'containers.start', { id: 'web' })).toEqual({ ok: true, result: null });
    expect(calls).toEqual(['start']);
  });

  it('refuses other origins and subframes without reaching a service', async () => {
    const invoke = handlers.get('berth:invoke')!;
    const evil = await invoke(frame('https://evil.test/'), 'containers.start', { id: 'web' });
    const sub = await invoke(frame('app://berth/index.html', { url: 'app://berth/' }), 'containers.start', { id: 'web' });
    expect(evil).toEqual({ ok: false, error: { name: 'Unauthorized', message: 'untrusted sender' } });
    expect(sub).toEqual(evil);
    expect(calls).toEqual([]);
  });

  it('validates payloads from a trusted sender too', async () => {
    const invoke = handlers.get('berth:invoke')!;
    expect(await invoke(frame('app://berth/index.html'), 'containers.start', { id: { $gt: '' } })).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    expect(calls).toEqual([]);
  });

  it('takes one-way signals from its own top frame only, validated, and answers nothing', () => {
    const signal = handlers.get('berth:signal')!;
    const id = '00000000-0000-4000-8000-000000000001';
    expect(signal(frame('app://berth/index.html'), 'sessions.ack', { id, rendered: 7 })).toBeUndefined();
    signal(frame('https://evil.test/'), 'sessions.ack', { id, rendered: 8 });
    signal(frame('app://berth/index.html', { url: 'app://berth/' }), 'sessions.ack', { id, rendered: 9 });
    signal(frame('app://berth/index.html'), 'sessions.ack', { id, rendered: -1 });
    signal(frame('app://berth/index.html'), 'containers.start', { id: 'web' });
    signal(frame('app://berth/index.html'), { toString: () => 'sessions.ack' }, { id, rendered: 10 });
    expect(calls).toEqual(['ack 7']);
  });
});
