// Integration (review findings 11 and 13): a rolling update to an image no node has, with failure action pause, on
// the shared private three-node swarm of scripts/swarm.sh. Berth's summary must say paused with the rejected task's
// error and count the tasks per image; after the image is tagged on every node, Berth's resume must get the update
// going again to completion. The docker CLI against the same manager is the oracle (`docker service inspect`'s
// UpdateStatus). The service has a unique name and is removed after, the tag made on the nodes removed too.
import { afterAll, describe, expect, it } from 'vitest';
import { emptyServiceArgs } from '../../shared/swarm-service-spec';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, TEST_IMAGE, testSwarm, uniqueName, waitFor } from '../testing/engine';
import { SwarmService } from './service';
import { SwarmServiceWrites } from './services-write';

const swarm = await testSwarm();
const engineOf = (host: string) => new Engine(resolveEngineHost({ DOCKER_HOST: host }));
const SLEEPER = ['sh', '-c', 'trap "exit 0" TERM; sleep 3600 & wait'];

describe.skipIf(!swarm)('a paused rolling update on a real swarm: its reason, its progress, and resuming it', () => {
  const manager = swarm?.manager ?? '';
  const nodes = [manager, ...(swarm?.workers ?? [])];
  const writes = new SwarmServiceWrites(engineOf(manager));
  const read = new SwarmService(engineOf(manager));
  const name = uniqueName('sw-roll');
  const missing = `berth-test/${uniqueName('nope')}:1`;
  const update = { parallelism: 1, delayNs: 0, failureAction: 'pause', order: 'stop-first' } as const;

  afterAll(async () => {
    await docker(['service', 'rm', name], manager).catch(() => {});
    for (const n of nodes) await docker(['rmi', missing], n).catch(() => {});
  });
  const cliStatus = async () => JSON.parse(await docker(['service', 'inspect', '--format', '{{json .UpdateStatus}}', name], manager)) as { State?: string; Message?: string } | null;
  const summary = async () => (await read.services()).find((s) => s.name === name);

  it('says paused with the task’s error, counts the tasks per image, refuses nothing else than a paused update, and resumes it to completion', async () => {
    await writes.create({ ...emptyServiceArgs(TEST_IMAGE), name, command: SLEEPER, mode: { kind: 'replicated', replicas: 3 }, update });
    await waitFor(async () => (await summary())?.replicas.running === 3, 30_000, `${name}: 3 tasks running`);
    await expect(writes.resume({ service: name })).rejects.toMatchObject({ name: 'Conflict', message: `${name} has no paused update to resume (it has no update under way)` });

    await writes.updateImage({ service: name, image: missing, update });
    await waitFor(async () => (await cliStatus())?.State === 'paused', 30_000, `${name}: docker service inspect says paused`);
    expect((await cliStatus())?.Message).toMatch(/^update paused due to failure or early termination of task /);
    // The old task stopped for the new one may still be stopping when the new one is rejected: wait for it to end.
    await waitFor(async () => {
      const s = await summary();
      return !!s?.updateStatus?.taskError && s.replicas.running === 2;
    }, 20_000, `${name}: the paused update's task error, 2 tasks running`);
    const paused = (await summary())!;
    expect(paused.updateStatus).toMatchObject({ state: 'paused', taskError: `task rejected: No such image: ${missing}` });
    expect(paused.image).toBe(missing);
    expect(paused.previousImage).toBe(TEST_IMAGE);
    // Stop-first, one at a time: one old task was stopped for the new one, which no node could start.
    expect(paused.runningImages).toEqual([
      { image: missing, digest: null, running: 0, current: true },
      { image: TEST_IMAGE, digest: null, running: 2, current: false },
    ]);

    // The image appears on every node: the paused update stays paused (the engine waits for the person) until resumed.
    for (const n of nodes) await docker(['tag', TEST_IMAGE, missing], n);
    expect((await cliStatus())?.State).toBe('paused');
    await writes.resume({ service: name });
    await waitFor(async () => (await cliStatus())?.State === 'completed', 60_000, `${name}: docker service inspect says completed after the resume`);
    await waitFor(async () => {
      const s = await summary();
      return s?.runningImages.length === 1 && s.runningImages[0]!.running === 3;
    }, 30_000, `${name}: 3 tasks running the new image`);
    expect(await docker(['service', 'ps', name, '--filter', 'desired-state=running', '--format', '{{.Image}}'], manager)).toBe([missing, missing, missing].join('\n'));
    // What swarmkit's UpdateService does with any update, a resume too: the previous spec is now the current one.
    expect(await docker(['service', 'inspect', '--format', '{{.PreviousSpec.TaskTemplate.ContainerSpec.Image}}', name], manager)).toBe(missing);
    await expect(writes.resume({ service: name })).rejects.toMatchObject({ name: 'Conflict', message: `${name} has no paused update to resume (its last update is completed)` });
  }, 120_000);
});
