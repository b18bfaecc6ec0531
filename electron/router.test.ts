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
