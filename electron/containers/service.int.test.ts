// Integration: ContainersService and ImagesService against the private dockerd, compared with the docker CLI.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { ImagesService } from '../images/service';
import { docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { ContainersService } from './service';

const missing = await engineMissing();

describe.skipIf(missing)('containers service on a real engine', () => {
  const engine = new Engine();
  const containers = new ContainersService(engine);
  const images = new ImagesService(engine);
  const name = uniqueName('svc');
  let id = '';

  beforeAll(async () => {
    id = await docker(['create', '--name', name, TEST_IMAGE, 'sleep', '300']);
  });
  afterAll(async () => {
    await docker(['rm', '-f', name]).catch(() => {});
  });

  it('lists exactly what docker ps -a lists', async () => {
    const cli = (await docker(['ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Names}}'])).split('\n').filter(Boolean).sort();
    const ours = (await containers.list()).map((c) => `${c.id} ${c.name}`).sort();
    expect(ours).toEqual(cli);
    expect(ours).toContain(`${id} ${name}`);
  });

  it('lists exactly what docker images lists', async () => {
    const cli = (await docker(['images', '--no-trunc', '--format', '{{.ID}}'])).split('\n').filter(Boolean);
    const ours = (await images.list()).map((i) => i.id);
    expect([...new Set(ours)].sort()).toEqual([...new Set(cli)].sort());
  });

  it('starts, pauses, unpauses and stops a container, as the engine then reports', async () => {
    const state = async () => docker(['inspect', '-f', '{{.State.Status}}', id]);
    await containers.start({ id });
    expect(await state()).toBe('running');
    await containers.start({ id }); // already running: 304 counts as done
    await containers.pause({ id });
    expect(await state()).toBe('paused');
    await containers.unpause({ id });
    await containers.stop({ id, timeoutSeconds: 0 });
    expect(await state()).toBe('exited');
  });

  it('refuses to remove a running container without force, removes it with force, keeps volumes', async () => {
    const vname = uniqueName('vol');
    const cname = uniqueName('rm');
    const cid = await docker(['run', '-d', '--name', cname, '-v', `${vname}:/data`, TEST_IMAGE, 'sleep', '300']);
    await expect(containers.remove({ id: cid, force: false })).rejects.toMatchObject({ name: 'Conflict' });
    await containers.remove({ id: cid, force: true });
    expect(await docker(['ps', '-a', '-q', '--filter', `name=${cname}`])).toBe('');
    expect(await docker(['volume', 'ls', '-q', '--filter', `name=${vname}`])).toBe(vname);
    await docker(['volume', 'rm', vname]);
  });

  it('reports a missing container as NotFound with the engine message', async () => {
    await expect(containers.stop({ id: 'no-such-container-berth' })).rejects.toMatchObject({ name: 'NotFound', message: expect.stringContaining('no-such-container-berth') });
  });
});
