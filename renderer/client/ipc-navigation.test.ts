// The IPC transport (electron/ipc.ts, with the real preload and the in-process Electron stand-in) across
// the navigations a window goes through: preload order, cancelled and in-page navigations, crashes, a page
// that is not Berth's. Harness: links-harness.ts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { container, follow, ids, ipcHarness, loadPage, PAGE_URL, snapshot } from './links-harness';

describe('IPC transport across navigations (electron/ipc.ts with the stand-in pair)', () => {
  let h: Awaited<ReturnType<typeof ipcHarness>>;
  beforeEach(async () => {
    h = await ipcHarness();
  });
  afterEach(() => h.close());

  it('keeps the new page subscribed when did-navigate comes before its preload', async () => {
    h.router.setState('containers', snapshot(container('a')));
    follow(h.link);
    await h.sync();
    let list!: ReturnType<typeof follow>;
    h.link = await loadPage(h.pair, PAGE_URL, (link) => (list = follow(link)), { didNavigate: 'before-preload' });
    await h.sync();
    expect(ids(list)).toEqual(['a']);
    expect(h.router.subscribers('containers')).toBe(1);
  });

  it('keeps the page subscribed through a navigation the app cancels (will-navigate) and an in-page one', async () => {
    const got: unknown[] = [];
    h.router.setState('images', 'state');
    h.link.subscribe('images', (p) => got.push(p));
    await h.sync();
    h.pair.cancelledNavigation('file:///home/someone/dropped.tar');
    h.pair.inPageNavigation(`${PAGE_URL}#images`);
    h.router.publish('images', 'change');
    await h.sync();
    expect(got).toEqual(['state', 'change']);
    expect(h.router.subscribers('images')).toBe(1);
  });

  it('drops the subscriptions of a page whose renderer crashed, and all of them when the window closes', async () => {
    h.link.subscribe('images', () => {});
    h.link.subscribe('containers', () => {});
    await h.sync();
    h.pair.crash();
    expect([h.router.subscribers('images'), h.router.subscribers('containers')]).toEqual([0, 0]);
    h.link = await loadPage(h.pair, PAGE_URL, (link) => link.subscribe('images', () => {}));
    await h.sync();
    expect(h.router.subscribers('images')).toBe(1);
    h.pair.destroy();
    expect(h.router.subscribers('images')).toBe(0);
    expect(() => h.router.publish('images', 'after close')).not.toThrow();
  });

  it("answers and subscribes nobody once the window navigated away from Berth's page", async () => {
    h.router.setState('images', 'secret');
    h.link.subscribe('images', () => {});
    await h.sync();
    const got: unknown[] = [];
    const link = await loadPage(h.pair, 'https://evil.test/', (l) => l.subscribe('images', (p) => got.push(p)));
    expect(await link.invoke('containers.list', {})).toEqual({ ok: false, error: { name: 'Unauthorized', message: 'untrusted sender' } });
    h.router.publish('images', 'another secret');
    await h.pair.settled();
    expect(got).toEqual([]);
    expect(h.router.subscribers('images')).toBe(0);
    expect(h.router.calls).toEqual([]);
  });
});
