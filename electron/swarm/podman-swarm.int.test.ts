// Integration, Podman only (the Podman round of `npm test`, DOCKER_HOST at the private Podman service): Podman
// has no swarm mode, and Berth says so without asking it for nodes, services or tasks.
import { describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { engineKind, engineMissing } from '../testing/engine';
import { PODMAN_NO_SWARM, SwarmService } from './service';

const missing = await engineMissing();
const podman = !missing && (await engineKind()) === 'podman';
if (!missing && !podman) console.warn('SKIPPED: the Podman swarm case runs against a Podman engine only (the Podman round of npm test); DOCKER_HOST is a Docker engine');

describe.skipIf(!podman)('swarm service on Podman', () => {
  const swarm = new SwarmService(new Engine());

  it('answers info inactive with the reason, and Unsupported for every list', async () => {
    expect(await swarm.info()).toMatchObject({ state: 'inactive', role: 'none', nodeId: null, unsupported: PODMAN_NO_SWARM });
    for (const call of [() => swarm.nodes(), () => swarm.services(), () => swarm.tasks({ service: 'web' })]) {
      await expect(call()).rejects.toMatchObject({ name: 'Unsupported', message: PODMAN_NO_SWARM });
    }
    expect(await swarm.overview()).toMatchObject({ info: { role: 'none', unsupported: PODMAN_NO_SWARM }, nodes: [], services: [], tasks: [] });
  });
});
