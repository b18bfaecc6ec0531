// Integration: every space figure Berth shows against what the Docker CLI and the engine say. On the private
// dockerd: images sharing a base (one kept by a container, one not), two tagged images sharing a layer only
// between them, two dangling images sharing a layer only between them, BuildKit build cache (shared
// records among it), running, paused and stopped containers with writable layers, used and unused
// volumes. Then the Disk view's four lines must print exactly as `docker system df` prints them, the
// dangling preview must equal the engine's own prune `SpaceReclaimed`, and the unused preview must equal
// what Berth's prune then frees (reckoned from the layers the engine says it released), a layer BuildKit's
// cache keeps counted as staying.
import http from 'node:http';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { BuildService } from '../images/build/service';
import { PruneService } from '../images/prune';
import { CredentialStore } from '../registry/credentials';
import { RegistryService } from '../registry/service';
import { TaskManager } from '../tasks/manager';
import { docker, engineKind, engineMissing, socketOf, TEST_IMAGE, uniqueName } from '../testing/engine';
import { dockerReclaimable, dockerSize } from '../../shared/units';
import { systemDf } from './df';

const missing = await engineMissing();
const kind = missing ? 'docker' : await engineKind();

/** `POST path` on the engine's socket, parsed as JSON. */
function enginePost<T>(apiPath: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const req = http.request({ socketPath: socketOf(process.env.DOCKER_HOST), path: apiPath, method: 'POST' }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`${apiPath}: HTTP ${res.statusCode} ${body}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

describe.skipIf(missing || kind === 'podman')('space figures against the Docker CLI and the engine', () => {
  // Podman is skipped: the Podman round runs end-to-end specs only, and its /system/df (one entry per tag,
  // classic-build intermediates listed) has no `docker system df` of the same engine to compare with here.
  const api = new Docker({ socketPath: socketOf(process.env.DOCKER_HOST) });
  const engine = new Engine();
  const prune = new PruneService(engine);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-space-'));
  const repo = `berth-it/${uniqueName('space')}`;
  const containers: string[] = [];
  const volumes = [uniqueName('space-used'), uniqueName('space-free')];
  const tasks = new TaskManager();
  const build = new BuildService(engine, tasks, new RegistryService(engine, new CredentialStore(path.join(dir, 'cfg'))));
  const salt = uniqueName('s');
  let n = 0;

  /** Build `dockerfile` (network none) as `tag`; resolves with the image ID. */
  async function buildImage(tag: string, dockerfile: string, builder: 'buildkit' | 'classic' = 'buildkit'): Promise<string> {
    const context = path.join(dir, `c${n++}`);
    fs.mkdirSync(context);
    fs.writeFileSync(path.join(context, 'Dockerfile'), dockerfile);
    const t = await tasks.settled(build.build({ context, tag, network: 'none', builder }).id);
    expect(t.state, t.error).toBe('succeeded');
    return (await api.getImage(tag).inspect()).Id;
  }
  /** A RUN step writing `bytes` random bytes to `file` (the salt keeps its layer this run's own). */
  const write = (file: string, bytes: number) => `RUN echo ${salt} > /dev/null && head -c ${bytes} /dev/urandom > ${file}\n`;
  async function container(image: string, cmd: string[], binds: string[] = []): Promise<Docker.Container> {
    const c = await api.createContainer({ Image: image, Cmd: cmd, HostConfig: { NetworkMode: 'none', Binds: binds }, name: uniqueName('space') });
    containers.push(c.id);
    return c;
  }

  let kept: string;
  let base: string;
  let solo1: string;
  let solo2: string;
  const dangling: string[] = [];

  beforeAll(async () => {
    // Everything already in the engine stays: a created container holds each image, so neither prune may take it.
    for (const i of await api.listImages({ all: false })) await container(i.Id, ['true']);
    base = await buildImage(`${repo}:base`, `FROM ${TEST_IMAGE}\n${write('/base', 400_000)}`);
    kept = await buildImage(`${repo}:kept`, `FROM ${repo}:base\n${write('/kept', 100_000)}`);
    await buildImage(`${repo}:app`, `FROM ${repo}:base\n${write('/app', 50_000)}`);
    // The classic builder's layers belong to images alone (BuildKit's cache keeps its own: see the 'app' check).
    solo1 = await buildImage(`${repo}:solo1`, `FROM ${TEST_IMAGE}\n${write('/q', 300_000)}`, 'classic');
    solo2 = await buildImage(`${repo}:solo2`, `FROM ${repo}:solo1\n${write('/r', 20_000)}`, 'classic');
    // Two dangling images sharing a layer only between them: `dz` built three times, the first two on one step.
    dangling.push(await buildImage(`${repo}:dz`, `FROM ${TEST_IMAGE}\n${write('/d', 250_000)}${write('/a', 10_000)}`, 'classic'));
    dangling.push(await buildImage(`${repo}:dz`, `FROM ${TEST_IMAGE}\n${write('/d', 250_000)}${write('/b', 12_000)}`, 'classic'));
    await buildImage(`${repo}:dz`, `FROM ${TEST_IMAGE}\n${write('/c', 5_000)}`, 'classic');

    await container(kept, ['true']);
    for (const v of volumes) await api.createVolume({ Name: v });
    const filler = await container(TEST_IMAGE, ['sh', '-c', 'head -c 70000 /dev/urandom > /v1/x; head -c 90000 /dev/urandom > /v2/x; head -c 30000 /dev/urandom > /rw'], [
      `${volumes[0]}:/v1`,
      `${volumes[1]}:/v2`,
    ]);
    await filler.start();
    await filler.wait();
    await filler.remove();
    containers.splice(containers.indexOf(filler.id), 1);
    await container(TEST_IMAGE, ['true'], [`${volumes[0]}:/v1`]);
    const stopped = await container(TEST_IMAGE, ['sh', '-c', 'head -c 40000 /dev/urandom > /rw']);
    await stopped.start();
    await stopped.wait();
    const running = await container(TEST_IMAGE, ['sh', '-c', 'head -c 20000 /dev/urandom > /rw; exec sleep 600']);
    await running.start();
    const paused = await container(TEST_IMAGE, ['sh', '-c', 'head -c 10000 /dev/urandom > /rw; exec sleep 600']);
    await paused.start();
    await paused.pause();
  }, 240_000);

  afterAll(async () => {
    for (const id of containers) await api.getContainer(id).remove({ force: true }).catch(() => {});
    for (const v of volumes) await api.getVolume(v).remove().catch(() => {});
    for (const tag of ['base', 'kept', 'app', 'solo1', 'solo2', 'dz']) await docker(['rmi', '-f', `${repo}:${tag}`]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('shows the four lines of `docker system df` exactly as the CLI prints them', async () => {
    const cache = await engine.df<{ BuildCache?: { Shared: boolean }[] | null }>();
    // The scenario must hold shared build-cache records, or the check below could not tell them apart.
    expect((cache.BuildCache ?? []).some((c) => c.Shared)).toBe(true);
    // Read while /system/df holds still (a build-cache record's size can settle just after a build).
    const records = async () =>
      ((await engine.df<{ BuildCache?: { ID: string; Size: number; Shared: boolean }[] | null }>()).BuildCache ?? []).map((c) => `${c.ID}:${c.Size}:${c.Shared}`).sort().join();
    let berth: Awaited<ReturnType<typeof systemDf>>;
    let cli: Record<string, string>[];
    for (let settled = false, tries = 0; !settled; tries++) {
      expect(tries).toBeLessThan(5);
      const before = await records();
      berth = await systemDf(engine);
      cli = (await docker(['system', 'df', '--format', '{{json .}}'])).split('\n').map((l) => JSON.parse(l) as Record<string, string>);
      settled = before === (await records());
    }
    const shown = berth!.map((l) => ({
      TotalCount: String(l.total),
      Active: String(l.active),
      Size: dockerSize(l.size),
      Reclaimable: l.kind === 'buildCache' ? dockerSize(l.reclaimable) : dockerReclaimable(l.reclaimable, l.size),
    }));
    expect(shown).toEqual(cli!.map((c) => ({ TotalCount: c.TotalCount, Active: c.Active, Size: c.Size, Reclaimable: c.Reclaimable })));
  });

  it('previews a dangling prune as freeing exactly what the engine then reclaims', async () => {
    const preview = await prune.preview('dangling');
    expect(preview.images.map((i) => i.id).sort()).toEqual([...dangling].sort());
    const answer = await enginePost<{ SpaceReclaimed: number; ImagesDeleted: { Deleted?: string }[] | null }>(
      `/images/prune?filters=${encodeURIComponent(JSON.stringify({ dangling: ['true'] }))}`,
    );
    expect((answer.ImagesDeleted ?? []).map((d) => d.Deleted).filter((d) => dangling.includes(d ?? ''))).toHaveLength(2);
    expect(answer.SpaceReclaimed).toBeGreaterThanOrEqual(250_000 + 10_000 + 12_000);
    expect(preview.reclaimable).toBe(answer.SpaceReclaimed);
    expect(preview.images.reduce((s, i) => s + i.frees, 0)).toBe(preview.reclaimable);
  });

  it('previews an unused prune as freeing exactly what the prune frees, a base shared with a kept image at 0 B', async () => {
    const preview = await prune.preview('unused');
    const before = await engine.df<{ BuildCache?: { Size: number; Shared: boolean }[] | null }>();
    const cacheBefore = (before.BuildCache ?? []).filter((c) => !c.Shared).reduce((t, c) => t + c.Size, 0);
    const byId = new Map(preview.images.map((i) => [i.id, i]));
    expect(byId.has(kept)).toBe(false);
    // The base stays on disk through the kept image: nothing of it is freed, and the preview says why.
    expect(byId.get(base)?.frees).toBe(0);
    expect(byId.get(base)?.sharedWithKept).toBeGreaterThanOrEqual(1);
    // solo1's layer is held by solo2 too, both go: it is freed, counted once, at solo1.
    expect(byId.get(solo1)?.uniqueSize).toBe(0);
    expect(byId.get(solo1)?.frees).toBeGreaterThanOrEqual(300_000);
    expect(byId.get(solo2)?.frees).toBeGreaterThanOrEqual(20_000);
    // 'app' was built by BuildKit, whose cache keeps its layer: removing the image frees none of it.
    expect(preview.toBuildCache).toBeGreaterThanOrEqual(50_000);
    const result = await prune.prune('unused', preview.images.map((i) => i.id));
    expect(result.kept).toEqual([]);
    expect(result.reclaimed).toBe(preview.reclaimable);
    // The layers the preview left to the build cache are there now, unshared: Disk usage's build cache grew by them.
    const after = await engine.df<{ BuildCache?: { Size: number; Shared: boolean }[] | null }>();
    expect((after.BuildCache ?? []).filter((c) => !c.Shared).reduce((t, c) => t + c.Size, 0)).toBeGreaterThanOrEqual(cacheBefore + preview.toBuildCache);
  });
});
