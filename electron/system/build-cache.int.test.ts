// Integration: the guided build-cache prune on the private dockerd — a BuildKit build through Berth leaves
// cache entries; the preview lists the unused ones; prune removes exactly the IDs it was given.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { BuildService } from '../images/build/service';
import { CredentialStore } from '../registry/credentials';
import { RegistryService } from '../registry/service';
import { TaskManager } from '../tasks/manager';
import { docker, engineKind, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { BuildCacheService } from './build-cache';

const missing = await engineMissing();

describe.skipIf(missing)('build-cache prune', () => {
  const engine = new Engine();
  const cache = new BuildCacheService(engine);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cache-'));
  const tag = `berth-it/${uniqueName('cached')}:1`;
  afterAll(async () => {
    await docker(['rmi', '-f', tag]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists unused entries and removes exactly the ones asked for', async () => {
    if ((await engineKind()) === 'podman') {
      expect((await cache.preview()).supported).toBe(false);
      await expect(cache.prune(['x'])).rejects.toThrow(/no BuildKit build cache/);
      return;
    }
    const tasks = new TaskManager();
    const build = new BuildService(engine, tasks, new RegistryService(engine, new CredentialStore(path.join(dir, 'cfg'))));
    fs.writeFileSync(path.join(dir, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName('a')} > /a\nRUN echo ${uniqueName('b')} > /b\n`);
    const t = await tasks.settled(build.build({ context: dir, tag, network: 'none', builder: 'buildkit' }).id);
    expect(t.state).toBe('succeeded');
    const before = await cache.preview();
    expect(before.supported).toBe(true);
    expect(before.entries.length).toBeGreaterThanOrEqual(1);
    const victim = before.entries[0];
    expect(before.entries.every((e) => !e.shared)).toBe(true);
    const result = await cache.prune([victim.id]);
    // BuildKit also drops the entries built on the one removed: all of them were listed as unused.
    expect(result.removed).toContain(victim.id);
    for (const id of result.removed) expect(before.entries.map((e) => e.id)).toContain(id);
    const after = (await cache.preview()).entries.map((e) => e.id);
    for (const e of before.entries) expect(after.includes(e.id)).toBe(!result.removed.includes(e.id));
  });
});
