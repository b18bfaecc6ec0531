// Integration: the `swarm.changes` source against the private three-node swarm of scripts/swarm.sh. Services are
// made, scaled and removed with the docker CLI; the engine's own events must reach a listener as changes, and
// the stream must be open only while someone listens.
import { afterAll, describe, expect, it } from 'vitest';
import type { SwarmChange } from '../../shared/swarm';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, TEST_IMAGE, testSwarm, uniqueName, waitFor } from '../testing/engine';
import { SwarmChanges } from './changes';

const swarm = await testSwarm();

describe.skipIf(!swarm)('swarm changes on a real swarm', () => {
  const manager = swarm?.manager ?? '';
  const changes = new SwarmChanges(new Engine(resolveEngineHost({ DOCKER_HOST: manager })));
  const made: string[] = [];
  afterAll(async () => {
    changes.close();
    if (made.length) await docker(['service', 'rm', ...made], manager).catch(() => {});
  });

  it('tells a service created, updated and removed with the CLI, and nothing once unsubscribed', async () => {
    const seen: SwarmChange[] = [];
    const off = changes.subscribe((c) => seen.push(c));
    // The stream opens asynchronously: a node update (a label) is retried until one is seen.
    const node = await docker(['info', '--format', '{{.Swarm.NodeID}}'], manager);
    await waitFor(
      async () => {
        await docker(['node', 'update', '--label-add', `berth-changes=${Date.now()}`, node], manager);
        return seen.some((c) => c.type === 'node' && c.id === node && c.action === 'update');
      },
      15_000,
      'a node update event',
    );
    const name = uniqueName('changes');
    made.push(name);
    const id = await docker(['service', 'create', '-d', '--no-resolve-image', '--replicas', '1', '--name', name, TEST_IMAGE, 'sleep', '3600'], manager);
    await waitFor(() => seen.some((c) => c.type === 'service' && c.id === id && c.action === 'create'), 15_000, 'a service create event');
    await docker(['service', 'scale', '-d', `${name}=2`], manager);
    await waitFor(() => seen.some((c) => c.type === 'service' && c.id === id && c.action === 'update'), 15_000, 'a service update event');
    off();
    const before = seen.length;
    await docker(['service', 'rm', name], manager);
    made.pop();
    // A second listener sees the remove of another service; the first (gone) saw nothing more.
    const again: SwarmChange[] = [];
    const off2 = changes.subscribe((c) => again.push(c));
    const other = uniqueName('changes');
    made.push(other);
    const otherId = await docker(['service', 'create', '-d', '--no-resolve-image', '--replicas', '1', '--name', other, TEST_IMAGE, 'sleep', '3600'], manager);
    await waitFor(() => again.some((c) => c.id === otherId), 15_000, 'the second service create event');
    off2();
    expect(seen.length).toBe(before);
    await docker(['node', 'update', '--label-rm', 'berth-changes', node], manager);
  });
});
