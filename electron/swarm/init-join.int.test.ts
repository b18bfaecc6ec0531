// Integration: init, join and leave through Berth (swarm/membership.ts). Leaving and joining would disturb the
// shared test swarm, so this file starts a three-node swarm of its own (scripts/swarm.sh, a short /tmp folder) and
// a plain private dockerd (scripts/engine.sh), and stops both afterwards. The docker CLI is the oracle
// (`docker info`, `docker node ls`, `docker swarm join-token -q`).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JoinToken, SwarmAddress } from '../../shared/swarm-ops';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, waitFor } from '../testing/engine';
import { joinTimedOut, swarmInit, swarmJoin, swarmJoinTokens, swarmLeave } from './membership';
import { SwarmService } from './service';

/** Why this suite cannot run here (no dockerd to start), else null. */
function noDockerd(): string | null {
  try {
    execFileSync('sh', ['-c', 'command -v dockerd'], { stdio: 'ignore' });
    return null;
  } catch {
    console.warn('SKIPPING swarm init/join suite: dockerd is not installed (scripts/install-deps.sh)');
    return 'no dockerd';
  }
}
const missing = noDockerd();
const root = path.resolve(import.meta.dirname, '../..');
const on = (host: string) => new Engine(resolveEngineHost({ DOCKER_HOST: host }));
const swarmState = async (host: string) => docker(['info', '--format', '{{.Swarm.LocalNodeState}} {{.Swarm.ControlAvailable}}'], host);

describe.skipIf(missing)('swarm init, join and leave through Berth, on a swarm and an engine of their own', () => {
  const dir = fs.mkdtempSync('/tmp/sl-ij');
  const plainDir = fs.mkdtempSync('/tmp/sl-ie');
  const env: Record<string, string> = {};
  let plain = '';

  beforeAll(async () => {
    const out = execFileSync('bash', [path.join(root, 'scripts/swarm.sh'), 'start', dir], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
    for (const l of out.split('\n').filter((x) => x.includes('='))) env[l.slice(0, l.indexOf('='))] = l.slice(l.indexOf('=') + 1);
    plain = execFileSync('bash', [path.join(root, 'scripts/engine.sh'), 'start', plainDir], { encoding: 'utf8' }).trim().replace(/^DOCKER_HOST=/, '');
  }, 120_000);
  afterAll(() => {
    execFileSync('bash', [path.join(root, 'scripts/engine.sh'), 'stop', plainDir], { stdio: 'inherit' });
    fs.rmSync(plainDir, { recursive: true, force: true });
    execFileSync('bash', [path.join(root, 'scripts/swarm.sh'), 'stop', dir], { stdio: 'inherit' });
  }, 120_000);

  it('node 3 leaves through Berth and joins back with the worker token read from the manager through Berth; a wrong token is refused without being echoed', async () => {
    const manager = env.BERTH_TEST_SWARM_MANAGER!;
    const node3 = env.BERTH_TEST_SWARM_WORKERS!.split(',')[1]!;
    const addr3 = env.BERTH_TEST_SWARM_ADDRS!.split(',')[2]!;
    const node3Id = await docker(['info', '--format', '{{.Swarm.NodeID}}'], node3);

    // The join tokens and address, as `docker swarm join-token` prints them.
    const tokens = await swarmJoinTokens(on(manager));
    expect(tokens.worker).toBe(await docker(['swarm', 'join-token', '-q', 'worker'], manager));
    expect(tokens.manager).toBe(await docker(['swarm', 'join-token', '-q', 'manager'], manager));
    expect(JoinToken.safeParse(tokens.worker).success).toBe(true);
    expect(tokens.address).toBe(`${env.BERTH_TEST_SWARM_ADDRS!.split(',')[0]}:2377`);
    expect(SwarmAddress.safeParse(tokens.address).success).toBe(true);
    // A worker has none to give.
    await expect(swarmJoinTokens(on(node3))).rejects.toMatchObject({ name: 'Unsupported' });

    // A manager must force; a worker leaves as it is.
    await expect(swarmLeave(on(manager), { force: false })).rejects.toMatchObject({ name: 'Conflict', message: expect.stringMatching(/manager/i) });
    await swarmLeave(on(node3), { force: false });
    expect(await swarmState(node3)).toBe('inactive false');
    expect((await new SwarmService(on(node3)).info()).state).toBe('inactive');
    await expect(swarmLeave(on(node3), { force: false })).rejects.toMatchObject({ name: 'Conflict' });

    // A token of this swarm with a wrong secret is refused, and no message carries it.
    const wrong = tokens.worker.replace(/-[a-z0-9]+$/, '-0000000000000000000000000');
    expect(wrong).not.toBe(tokens.worker);
    const refused = await swarmJoin(on(node3), { remoteAddr: tokens.address, joinToken: wrong, advertiseAddr: addr3 }).then(
      () => null,
      (e: Error) => e,
    );
    expect(refused).toBeInstanceOf(Error);
    expect(refused!.message).not.toContain(wrong);
    expect(refused!.message).not.toContain(wrong.split('-').at(-1));
    expect(JSON.stringify(refused)).not.toContain(wrong.split('-').at(-1));
    await waitFor(async () => (await swarmState(node3)) === 'inactive false', 20_000, 'node 3 out of any swarm after the refused join');

    // A manager address nobody answers at: moby gives up waiting after 20 s but keeps trying. Berth says so
    // (Timeout, what to do), not a Join that can only be refused ("already part of a swarm"); leaving stops it.
    const nowhere = tokens.address.replace(/\.\d+:2377$/, '.99:2377');
    await expect(swarmJoin(on(node3), { remoteAddr: nowhere, joinToken: tokens.worker, advertiseAddr: addr3 })).rejects.toMatchObject({ name: 'Timeout', message: joinTimedOut(nowhere) });
    expect(await swarmState(node3)).toMatch(/^(pending|error) false$/);
    await swarmLeave(on(node3), { force: true });
    await waitFor(async () => (await swarmState(node3)) === 'inactive false', 20_000, 'node 3 out of the pending join');

    // Joined back with the real token: a worker again, and the manager lists it ready.
    await swarmJoin(on(node3), { remoteAddr: tokens.address, joinToken: tokens.worker, advertiseAddr: addr3 });
    expect(await swarmState(node3)).toBe('active false');
    const newId = await docker(['info', '--format', '{{.Swarm.NodeID}}'], node3);
    expect(newId).not.toBe(node3Id);
    await waitFor(async () => (await docker(['node', 'ls', '--filter', `id=${newId}`, '--format', '{{.Hostname}} {{.Status}}'], manager)) === 'berth-sw3 Ready', 30_000, 'node 3 ready on the manager');
    await expect(swarmJoin(on(node3), { remoteAddr: tokens.address, joinToken: tokens.worker })).rejects.toMatchObject({ name: 'Conflict' });
  }, 120_000);

  it('a plain engine initialises a swarm of its own through Berth, gives its tokens, and leaves it (a manager: with force)', async () => {
    const engine = on(plain);
    expect(await swarmState(plain)).toBe('inactive false');
    // Its own loopback address and a port from this suite's range: nothing listens beyond this machine.
    const { nodeId } = await swarmInit(engine, { advertiseAddr: '127.0.0.1:9377', listenAddr: '127.0.0.1:9377' });
    try {
      expect(nodeId).toBe(await docker(['info', '--format', '{{.Swarm.NodeID}}'], plain));
      expect(await swarmState(plain)).toBe('active true');
      const info = await new SwarmService(engine).info();
      expect(info).toMatchObject({ state: 'active', role: 'manager', nodeId });
      const tokens = await swarmJoinTokens(engine);
      expect(tokens).toEqual({ worker: await docker(['swarm', 'join-token', '-q', 'worker'], plain), manager: await docker(['swarm', 'join-token', '-q', 'manager'], plain), address: '127.0.0.1:9377' });
      await expect(swarmInit(engine, {})).rejects.toMatchObject({ name: 'Conflict' });
      await expect(swarmLeave(engine, { force: false })).rejects.toMatchObject({ name: 'Conflict' });
    } finally {
      await swarmLeave(engine, { force: true });
    }
    expect(await swarmState(plain)).toBe('inactive false');
  });
});
