// Integration: the notifications a real engine's events and real tasks produce (the services as Berth makes
// them). The docker CLI does the acting, as a person at a terminal would beside Berth.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppNotification } from '../../shared/notifications';
import { createServices, type Services } from '../services';
import { docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';

const missing = await engineMissing();

describe.skipIf(missing)('notifications from a real engine', () => {
  let services: Services;
  const heard: AppNotification[] = [];
  const names: string[] = [];
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-notify-'));
  let podman = false;

  /** Resolves with the first notification `match` accepts, heard before or after the call. */
  const next = (match: (n: AppNotification) => boolean) =>
    new Promise<AppNotification>((resolve) => {
      const found = heard.find(match);
      if (found) return resolve(found);
      const off = services.notifications.subscribe((n) => {
        if (match(n)) {
          off();
          resolve(n);
        }
      });
    });
  const named = (prefix: string) => {
    const n = uniqueName(prefix);
    names.push(n);
    return n;
  };

  beforeAll(async () => {
    services = createServices();
    services.notifications.subscribe((n) => heard.push(n));
    podman = (await services.engine.kind()) === 'podman';
    // The monitor follows the events before anything below acts.
    await new Promise<void>((resolve) => {
      const off = services.monitor.subscribe('engine.status', (s) => {
        if (s.state === 'connected') {
          queueMicrotask(() => off());
          resolve();
        }
      });
    });
  });
  afterAll(async () => {
    await Promise.all(names.map((n) => docker(['rm', '-f', n]).catch(() => {})));
    await services.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('tells of a container that exits with a non-zero code, and of none that was stopped or exited 0', async () => {
    const stopped = named('notify-stopped');
    const clean = named('notify-clean');
    const crashed = named('notify-crash');
    await docker(['run', '-d', '--name', stopped, TEST_IMAGE, 'sleep', '300']);
    await docker(['stop', '-t', '1', stopped]);
    await docker(['run', '--name', clean, TEST_IMAGE, 'true']);
    await docker(['run', '--name', crashed, TEST_IMAGE, 'sh', '-c', 'exit 3']).catch(() => {});
    const n = await next((x) => x.kind === 'died');
    // The first death told is the crash: the stop and the clean exit came before it and were not told.
    expect(n).toMatchObject({ kind: 'died', failed: true, title: `Container ${crashed} exited with code 3`, target: { view: 'container' } });
    expect(n.body).toContain('berth-test/busybox');
    const id = await docker(['inspect', '-f', '{{.Id}}', crashed]);
    expect(n.target).toEqual({ view: 'container', id });
  });

  it('tells of an OOM kill on Docker (Podman 4.3 records none)', async ({ skip }) => {
    if (podman) skip();
    const name = named('notify-oom');
    await docker(['run', '-d', '--name', name, '--memory', '8m', '--memory-swap', '8m', TEST_IMAGE, 'sh', '-c', 'x=a; while true; do x=$x$x; done']);
    const n = await next((x) => x.title.includes(name));
    expect(n.title).toBe(`Container ${name} was killed: out of memory`);
    expect(await docker(['inspect', '-f', '{{.State.OOMKilled}}', name])).toBe('true');
  });

  it('says nothing of an interactive container (-it) whose shell exits non-zero', async () => {
    const it = named('notify-it');
    const after = named('notify-after');
    await docker(['create', '-it', '--name', it, TEST_IMAGE, 'sh', '-c', 'exit 5']);
    await docker(['start', it]);
    await docker(['wait', it]);
    // A later crash is told, also of a detached container with a TTY (`-dit`, Compose's tty + stdin_open);
    // the interactive one before them never is.
    const detached = named('notify-dit');
    await docker(['run', '-dit', '--name', detached, TEST_IMAGE, 'sh', '-c', 'exit 6']);
    await next((x) => x.title === `Container ${detached} exited with code 6`);
    await docker(['run', '--name', after, TEST_IMAGE, 'false']).catch(() => {});
    await next((x) => x.title.includes(after));
    expect(heard.filter((x) => x.title.includes(it))).toEqual([]);
  });

  it('tells of a save that finished and of a load that failed, opening the task', async () => {
    const ok = await services.saveLoad.save([TEST_IMAGE], path.join(dir, 'ok.tar'));
    const done = await next((x) => x.target.view === 'task' && x.target.id === ok.id);
    expect(done).toMatchObject({ kind: 'save', failed: false, title: `${ok.title} finished` });
    expect(done.body).toMatch(/took \d+ s/);
    const garbage = path.join(dir, 'garbage.tar');
    fs.writeFileSync(garbage, 'this is not an image archive\n'.repeat(100));
    const bad = services.saveLoad.load(garbage);
    const failed = await next((x) => x.target.view === 'task' && x.target.id === bad.id);
    expect(failed).toMatchObject({ kind: 'load', failed: true, title: `${bad.title} failed` });
    expect(failed.body.length).toBeGreaterThan(0);
  });

  it('tells a task once, and a new subscriber hears nothing of what ended before', async () => {
    const late: AppNotification[] = [];
    const off = services.notifications.subscribe((n) => late.push(n));
    const t = await services.saveLoad.save([TEST_IMAGE], path.join(dir, 'again.tar'));
    await next((x) => x.target.view === 'task' && x.target.id === t.id);
    off();
    expect(late.map((n) => n.target)).toEqual([{ view: 'task', id: t.id }]);
    expect(heard.filter((n) => n.target.view === 'task' && n.target.id === t.id)).toHaveLength(1);
  });
});
