// Integration: overlay networks whose subnet overlaps another's (electron/swarm/networks.ts; review finding 4 of
// issue #16) on the shared private three-node swarm of scripts/swarm.sh, `docker network inspect` as the oracle.
// The manager accepts such a network and never allocates it (its Driver stays empty, services on it stay New):
// Berth refuses to create one, and lists one made around it as not allocated. Subnets are this file's own.
import { afterAll, describe, expect, it } from 'vitest';
import { overlapText } from '../../shared/subnets';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, testSwarm, uniqueName } from '../testing/engine';
import { SwarmNetworks } from './networks';

const swarm = await testSwarm();
const SUBNET = '10.233.9.0/24';

describe.skipIf(!swarm)('overlay networks with overlapping subnets on a real swarm', () => {
  const manager = swarm?.manager ?? '';
  const networks = new SwarmNetworks(new Engine(resolveEngineHost({ DOCKER_HOST: manager })));
  const made: string[] = [];
  afterAll(async () => {
    if (made.length) await docker(['network', 'rm', ...made], manager).catch(() => {});
  });
  const inspect = async (name: string) => JSON.parse(await docker(['network', 'inspect', '--format', '{{json .}}', name], manager)) as { Driver: string; IPAM: { Config: { Subnet: string }[] | null } };

  it('creates a network with a free subnet, allocated; refuses one whose subnet overlaps it and creates nothing', async () => {
    const first = uniqueName('ovfree');
    made.push(first);
    await expect(networks.create({ name: first, attachable: false, internal: false, subnet: SUBNET })).resolves.toMatchObject({ allocated: true });
    expect(await inspect(first)).toMatchObject({ Driver: 'overlay', IPAM: { Config: [{ Subnet: SUBNET }] } });

    const second = uniqueName('ovclash');
    made.push(second);
    await expect(networks.create({ name: second, attachable: false, internal: false, subnet: '10.233.9.128/25' })).rejects.toMatchObject({
      name: 'Conflict',
      message: overlapText('10.233.9.128/25', { name: first, subnet: SUBNET }),
    });
    expect(await docker(['network', 'ls', '-q', '--filter', `name=^${second}$`], manager)).toBe('');
  });

  it('of two creates of one subnet at once (two tabs), one is made and allocated, the other refused', async () => {
    const [a, b] = [uniqueName('ovrace'), uniqueName('ovrace')];
    made.push(a, b);
    const answers = await Promise.allSettled([a, b].map((name) => networks.create({ name, attachable: false, internal: false, subnet: '10.233.11.0/24' })));
    expect(answers.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    expect(answers.find((r) => r.status === 'fulfilled')).toMatchObject({ value: { allocated: true } });
    expect(answers.find((r) => r.status === 'rejected')).toMatchObject({ reason: { name: 'Conflict' } });
    const exists = await Promise.all([a, b].map((n) => docker(['network', 'inspect', '--format', '{{.Name}}', n], manager).then(() => true, () => false)));
    expect(exists.filter(Boolean)).toHaveLength(1);
  });

  it('lists a network the swarm could not allocate (made with the CLI around the check) as not allocated', async () => {
    const owner = uniqueName('ovown');
    const clash = uniqueName('ovnoalloc');
    made.push(owner, clash);
    await docker(['network', 'create', '-d', 'overlay', '--subnet', '10.233.10.0/24', owner], manager);
    await docker(['network', 'create', '-d', 'overlay', '--subnet', '10.233.10.0/24', clash], manager);
    // The oracle: the engine holds it with no driver and no subnet.
    expect(await inspect(clash)).toMatchObject({ Driver: '', IPAM: { Config: null } });
    const listed = await networks.list();
    expect(listed.find((n) => n.name === clash)).toMatchObject({ allocated: false, driver: '', subnets: [] });
    expect(listed.find((n) => n.name === owner)).toMatchObject({ allocated: true, driver: 'overlay' });
    expect(listed.find((n) => n.ingress)).toMatchObject({ allocated: true });
  });
});
