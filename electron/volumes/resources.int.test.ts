// Integration: volumes, networks and disk usage against the private dockerd, compared with the docker CLI.
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { NetworksService } from '../networks/service';
import { systemDf } from '../system/df';
import { docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { VolumesService } from './service';

const missing = await engineMissing();

describe.skipIf(missing)('volumes, networks and disk usage on a real engine', () => {
  const engine = new Engine();
  const volumes = new VolumesService(engine);
  const networks = new NetworksService(engine);
  const cleanup: string[][] = [];
  afterAll(async () => {
    for (const args of cleanup.reverse()) await docker(args).catch(() => {});
  });

  it('lists what docker volume ls lists, with users and sizes; create, refuse in use, prune exactly', async () => {
    const used = uniqueName('vol-used');
    const idle = uniqueName('vol-idle');
    const holder = uniqueName('holder');
    expect(await volumes.create({ name: used, driver: 'local', labels: { 'berth.test': '1' } })).toEqual({ name: used });
    await volumes.create({ name: idle, driver: 'local', labels: {} });
    cleanup.push(['volume', 'rm', '-f', used], ['volume', 'rm', '-f', idle], ['rm', '-f', holder]);
    await docker(['run', '--name', holder, '-v', `${used}:/data`, TEST_IMAGE, 'sh', '-c', 'head -c 100000 /dev/zero > /data/blob']);
    await docker(['run', '--rm', '-v', `${idle}:/data`, TEST_IMAGE, 'sh', '-c', 'head -c 50000 /dev/zero > /data/blob']);

    const cli = (await docker(['volume', 'ls', '-q'])).split('\n').filter(Boolean).sort();
    const list = await volumes.list();
    expect(list.map((v) => v.name).sort()).toEqual(cli);
    const u = list.find((v) => v.name === used)!;
    expect(u).toMatchObject({ driver: 'local', usedBy: [holder], labels: { 'berth.test': '1' } });
    // A listing waits for /system/df at most DF_WAIT_MS: on a loaded engine the size comes with a later one.
    await waitFor(async () => ((await volumes.list()).find((v) => v.name === used)?.size ?? 0) >= 100_000, 60_000, 'the volume measured');

    await expect(volumes.remove({ name: used, force: false })).rejects.toMatchObject({ name: 'Conflict' });
    const preview = await volumes.prunePreview();
    expect(preview.map((v) => v.name)).toContain(idle);
    expect(preview.map((v) => v.name)).not.toContain(used);
    const result = await volumes.prune({ names: [idle, used] });
    expect(result).toEqual({ removed: [idle], skipped: [used], reclaimed: expect.any(Number) });
    expect(result.reclaimed).toBeGreaterThanOrEqual(50_000);
    expect((await docker(['volume', 'ls', '-q'])).split('\n')).not.toContain(idle);
  });

  it('creates a network with a subnet, connects and disconnects a container, removes it; built-ins are refused', async () => {
    const name = uniqueName('net');
    const box = uniqueName('netbox');
    const { id } = await networks.create({ name, driver: 'bridge', subnet: '10.123.0.0/24', internal: true });
    cleanup.push(['network', 'rm', name], ['rm', '-f', box]);
    await docker(['run', '-d', '--name', box, '--network', 'none', TEST_IMAGE, 'sleep', '600']);
    await docker(['network', 'disconnect', 'none', box]);
    await networks.connect({ network: name, container: box });
    let net = (await networks.list()).find((n) => n.id === id)!;
    expect(net).toMatchObject({ name, driver: 'bridge', internal: true, subnets: ['10.123.0.0/24'], builtin: false });
    expect(net.containers).toEqual([{ id: expect.any(String), name: box, ipv4: expect.stringMatching(/^10\.123\.0\.\d+\/24$/) }]);
    expect(await docker(['inspect', '-f', `{{(index .NetworkSettings.Networks "${name}").IPAddress}}`, box])).toMatch(/^10\.123\.0\./);
    await networks.disconnect({ network: name, container: box, force: false });
    net = (await networks.list()).find((n) => n.id === id)!;
    expect(net.containers).toEqual([]);
    await networks.remove({ id: name });
    expect((await networks.list()).some((n) => n.id === id)).toBe(false);
    expect((await networks.list()).find((n) => n.name === 'host')?.builtin).toBe(true);
    await expect(networks.remove({ id: 'host' })).rejects.toThrow(/engine's own networks/);
    await expect(networks.create({ name: uniqueName('bad'), driver: 'bridge', subnet: '10.123.0.0/33', internal: false })).rejects.toMatchObject({ name: 'EngineError' });
  });

  it('counts what docker system df counts', async () => {
    const lines = await systemDf(engine);
    const cli = (await docker(['system', 'df', '--format', '{{.Type}}|{{.TotalCount}}|{{.Active}}']))
      .split('\n')
      .map((l) => l.split('|'));
    const byKind = Object.fromEntries(lines.map((l) => [l.kind, l]));
    const kinds: Record<string, string> = { Images: 'images', Containers: 'containers', 'Local Volumes': 'volumes', 'Build Cache': 'buildCache' };
    for (const [type, total, active] of cli) {
      const ours = byKind[kinds[type]];
      expect([type, ours.total, ours.active]).toEqual([type, Number(total), Number(active)]);
    }
  });
});
