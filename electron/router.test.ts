import { describe, expect, it } from 'vitest';
import { BerthError } from './engine/errors';
import { createRouter } from './router';
import type { Services } from './services';

// The router's own logic (validation, envelopes) with services that record what reaches them.
function recordingServices(calls: unknown[]): Services {
  const record = (name: string) => async (args?: unknown) => {
    calls.push([name, args]);
    if (name === 'remove') throw new BerthError('Conflict', 'You cannot remove a running container');
    return null;
  };
  return {
    containers: { list: async () => [], start: record('start'), stop: record('stop'), remove: record('remove') },
  } as unknown as Services;
}

/** Session services that record the signals reaching them; keys into `ended` fail as an ended session's do. */
function sessionServices(calls: unknown[]): Services {
  return {
    sessions: {
      input: async (a: { id: string }) => {
        calls.push(['input', a]);
        if (a.id === ENDED) throw new BerthError('Conflict', 'this session has ended');
        return null;
      },
      resize: async (a: unknown) => (calls.push(['resize', a]), null),
      ack: (a: unknown) => (calls.push(['ack', a]), null),
    },
  } as unknown as Services;
}
const LIVE = '00000000-0000-4000-8000-000000000001';
const ENDED = '00000000-0000-4000-8000-000000000002';

describe('router signals (one-way)', () => {
  it('runs a valid signal at once and answers nothing', () => {
    const calls: unknown[] = [];
    const r = createRouter(sessionServices(calls));
    expect(r.signal('sessions.keys', { id: LIVE, data: 'ls\r' })).toBe(true);
    expect(r.signal('sessions.ack', { id: LIVE, rendered: 4096 })).toBe(true);
    expect(r.signal('sessions.resize', { id: LIVE, size: { cols: 100, rows: 30 } })).toBe(true);
    expect(calls).toEqual([
      ['input', { id: LIVE, data: 'ls\r' }],
      ['ack', { id: LIVE, rendered: 4096 }],
      ['resize', { id: LIVE, size: { cols: 100, rows: 30 } }],
    ]);
  });

  it('refuses unknown names and what the contract refuses, running nothing and never throwing', () => {
    const calls: unknown[] = [];
    const r = createRouter(sessionServices(calls));
    for (const [name, args] of [
      ['containers.remove', { id: 'web', force: true }],
      ['sessions.input', { id: LIVE, data: 'x' }],
      [42, {}],
      ['sessions.ack', { id: LIVE, rendered: -1 }],
      ['sessions.ack', { id: LIVE, rendered: 1.5 }],
      ['sessions.ack', { id: 'not-a-uuid', rendered: 1 }],
      ['sessions.keys', { id: LIVE, data: '' }],
      ['sessions.keys', { id: LIVE, data: 'x'.repeat((1 << 18) + 1) }],
      ['sessions.keys', { id: LIVE }],
      ['sessions.resize', { id: LIVE, size: { cols: 0, rows: 24 } }],
      ['sessions.resize', { id: LIVE, size: { cols: 80, rows: 24 }, extra: true }],
      ['sessions.ack', null],
      ['sessions.ack', 'x'],
    ] as const) {
      expect(r.signal(name, args), JSON.stringify([name, args]).slice(0, 80)).toBe(false);
    }
    expect(calls).toEqual([]);
  });

  it('drops a signal whose service fails (keys into an ended session) without an unhandled rejection', async () => {
    const calls: unknown[] = [];
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on('unhandledRejection', onUnhandled);
    const r = createRouter(sessionServices(calls));
    expect(r.signal('sessions.keys', { id: ENDED, data: 'x' })).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 0));
    process.off('unhandledRejection', onUnhandled);
    expect(calls).toEqual([['input', { id: ENDED, data: 'x' }]]);
    expect(unhandled).toEqual([]);
  });

  it('no longer takes acknowledgements and resizes as calls', async () => {
    const r = createRouter(sessionServices([]));
    expect(await r.call('sessions.ack', { id: LIVE, rendered: 1 })).toMatchObject({ ok: false, error: { name: 'UnknownMethod' } });
    expect(await r.call('sessions.resize', { id: LIVE, size: { cols: 80, rows: 24 } })).toMatchObject({ ok: false, error: { name: 'UnknownMethod' } });
  });
});

describe('router', () => {
  it('refuses unknown methods and invalid arguments without calling a service', async () => {
    const calls: unknown[] = [];
    const r = createRouter(recordingServices(calls));
    expect(await r.call('containers.explode', {})).toEqual({ ok: false, error: { name: 'UnknownMethod', message: 'no such method: containers.explode' } });
    const bad = await r.call('containers.stop', { id: 'x; rm -rf /', extra: 1 });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error.name).toBe('ValidationError');
    expect(await r.call('containers.start', { id: 42 })).toMatchObject({ ok: false, error: { name: 'ValidationError' } });
    expect(calls).toEqual([]);
  });

  it('passes validated arguments through and wraps results and errors in envelopes', async () => {
    const calls: unknown[] = [];
    const r = createRouter(recordingServices(calls));
    expect(await r.call('containers.stop', { id: 'web', timeoutSeconds: 3 })).toEqual({ ok: true, result: null });
    expect(await r.call('containers.remove', { id: 'web', force: false })).toEqual({
      ok: false,
      error: { name: 'Conflict', message: 'You cannot remove a running container' },
    });
    expect(calls).toEqual([
      ['stop', { id: 'web', timeoutSeconds: 3 }],
      ['remove', { id: 'web', force: false }],
    ]);
  });

  it('refuses an invalid image reference before any service sees it, naming the fault', async () => {
    const calls: unknown[] = [];
    const r = createRouter(recordingServices(calls));
    const res = await r.call('images.pull', { reference: 'Upper/Case' });
    expect(res).toMatchObject({ ok: false, error: { name: 'ValidationError', message: expect.stringContaining('repository name must be lowercase') } });
    expect(calls).toEqual([]);
  });

  it('answers native path dialogs only where the host has them', async () => {
    const none = createRouter(recordingServices([]));
    expect(await none.call('host.choosePath', { kind: 'save', title: 'File' })).toMatchObject({ ok: false, error: { name: 'Unsupported' } });
    const withDialogs = createRouter({ ...recordingServices([]), pathChooser: async (o) => `/chosen/${o.kind}` } as Services);
    expect(await withDialogs.call('host.choosePath', { kind: 'folder', title: 'Context folder' })).toEqual({ ok: true, result: { path: '/chosen/folder' } });
  });

  it('refuses topics outside the contract', () => {
    const r = createRouter(recordingServices([]));
    expect(() => r.subscribe('secrets', () => {})).toThrow(/no such topic/);
  });
});

describe('the app.command topic', () => {
  it('carries the shell\'s menu commands to subscribers, and is silent without a source', async () => {
    const { AppCommands } = await import('./shell/commands');
    const commands = new AppCommands();
    const heard: unknown[] = [];
    const r = createRouter(sessionServices([]), { commands });
    const off = r.subscribe('app.command', (c) => heard.push(c));
    commands.emit({ command: 'open', what: 'sif' });
    off();
    commands.emit({ command: 'palette' });
    expect(heard).toEqual([{ command: 'open', what: 'sif' }]);
    const silent = createRouter(sessionServices([]));
    expect(() => silent.subscribe('app.command', (c) => heard.push(c))()).not.toThrow();
  });
});
