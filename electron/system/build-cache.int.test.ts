// Integration: the guided build-cache prune on the private dockerd. Three BuildKit builds through Berth
// (network none) leave several unused cache entries; prune is asked for an unknown ID and for a subset, and
// what is left is compared with what was listed: every entry not asked for (nor built on one asked for,
// which BuildKit removes with it) must remain.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { BuildService } from '../images/build/service';
import { CredentialStore } from '../registry/credentials';
import { RegistryService } from '../registry/service';
import { TaskManager } from '../tasks/manager';
import { docker, engineGet, engineKind, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { BuildCacheService } from './build-cache';

const missing = await engineMissing();

/** Every cache entry the engine holds now, with its parent (Docker 20.10 `Parent`, newer `Parents`). */
async function cacheEntries(): Promise<Map<string, string[]>> {
  const df = await engineGet<{ BuildCache?: { ID: string; Parent?: string; Parents?: string[] | null }[] | null }>('/system/df');
  return new Map((df.BuildCache ?? []).map((c) => [c.ID, c.Parents ?? (c.Parent ? [c.Parent] : [])]));
}

/** `ids` and every entry built on one of them, transitively. */
function withDescendants(ids: string[], parents: Map<string, string[]>): Set<string> {
  const out = new Set(ids);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [id, ps] of parents) if (!out.has(id) && ps.some((p) => out.has(p))) grew = out.add(id).size > 0;
  }
  return out;
}

describe.skipIf(missing)('build-cache prune', () => {
  const engine = new Engine();
  const cache = new BuildCacheService(engine);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-cache-'));
  const tags = [1, 2, 3].map((i) => `berth-it/${uniqueName('cached')}:${i}`);
  afterAll(async () => {
    for (const tag of tags) await docker(['rmi', '-f', tag]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('removes exactly the entries asked for (and what BuildKit built on them), never the other unused ones', async () => {
    if ((await engineKind()) === 'podman') {
      expect((await cache.preview()).supported).toBe(false);
      await expect(cache.prune(['x'])).rejects.toThrow(/no BuildKit build cache/);
      return;
    }
    const tasks = new TaskManager();
    const build = new BuildService(engine, tasks, new RegistryService(engine, new CredentialStore(path.join(dir, 'cfg'))));
    for (const [i, tag] of tags.entries()) {
      const context = path.join(dir, `c${i}`);
      fs.mkdirSync(context);
      fs.writeFileSync(path.join(context, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName('a')} > /a\nRUN echo ${uniqueName('b')} > /b\n`);
      const t = await tasks.settled(build.build({ context, tag, network: 'none', builder: 'buildkit' }).id);
      expect(t.state).toBe('succeeded');
    }
    const before = await cache.preview();
    expect(before.supported).toBe(true);
    const listed = before.entries.map((e) => e.id);
    // Several unused entries, so that removing "everything unused" and "exactly these" differ.
    expect(listed.length).toBeGreaterThanOrEqual(6);

    // An unknown ID removes nothing.
    expect(await cache.prune(['no-such-id'])).toEqual({ removed: [], reclaimed: 0 });
    expect((await cache.preview()).entries.map((e) => e.id).sort()).toEqual([...listed].sort());

    // A subset: entries on no one else's chain first (leaves), so that most others must stay.
    const parents = await cacheEntries();
    const leaves = listed.filter((id) => ![...parents.values()].some((ps) => ps.includes(id)));
    const asked = leaves.slice(0, 2);
    expect(asked.length).toBe(2);
    const mayGo = withDescendants(asked, parents);
    const result = await cache.prune([...asked, 'no-such-id']);
    expect([...result.removed].sort()).toEqual(expect.arrayContaining(asked));
    for (const id of result.removed) expect(mayGo.has(id)).toBe(true);
    const after = new Set((await cache.preview()).entries.map((e) => e.id));
    for (const id of listed) expect(after.has(id), `entry ${id}`).toBe(!mayGo.has(id));
    expect(after.size).toBe(listed.length - mayGo.size);
  });
});
