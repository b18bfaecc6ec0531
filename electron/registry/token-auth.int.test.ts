// Integration: a registry with token auth (Docker's token protocol, as Hub, GHCR, GitLab and NGC speak it):
// scripts/token-registry.sh's docker-registry + test token server, the private dockerd, and Berth's
// RegistryService / TransferService with credentials in a temporary DOCKER_CONFIG.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { TransferService } from '../images/transfer';
import { TaskManager } from '../tasks/manager';
import { buildImage, docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { testTokenRegistry, TOKEN_DEFAULTS } from '../testing/token-registry';
import { CredentialStore } from './credentials';
import { RegistryService } from './service';

const missing = await engineMissing();
const registry = missing ? null : testTokenRegistry();

describe.skipIf(missing || !registry)('a registry with token auth', () => {
  const reg = registry!;
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-dockercfg-'));
  const engine = new Engine();
  const tasks = new TaskManager();
  const service = new RegistryService(engine, new CredentialStore(configDir));
  const transfer = new TransferService(engine, tasks, service);
  const plain = `berth/${uniqueName('tok')}`;
  // GitLab's nested paths: group/subgroup/project/image.
  const nested = `group/subgroup/project/${uniqueName('img')}`;
  const pushed = new Map<string, string>();

  beforeAll(async () => {
    await reg.set(TOKEN_DEFAULTS);
    await buildImage(`${reg.host}/${plain}:1`, [`FROM ${TEST_IMAGE}`, `RUN echo ${uniqueName('layer')} > /unique`]);
    await docker(['tag', `${reg.host}/${plain}:1`, `${reg.host}/${plain}:2`]);
    await docker(['tag', `${reg.host}/${plain}:1`, `${reg.host}/${nested}:v1`]);
  });
  afterEach(() => reg.set(TOKEN_DEFAULTS));
  afterAll(async () => {
    await docker(['rmi', '-f', `${reg.host}/${plain}:1`, `${reg.host}/${plain}:2`, `${reg.host}/${nested}:v1`]).catch(() => {});
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it('refuses a wrong password with a clear Unauthorized and stores nothing', async () => {
    const refused = service.login({ registry: reg.host, username: reg.username, password: 'wrong' });
    await expect(refused).rejects.toMatchObject({ name: 'Unauthorized', message: expect.stringMatching(/refused.*incorrect username or password/) });
    expect(await service.list()).toEqual([]);
  });

  it('logs in through the engine and stores the credential where the CLI keeps it', async () => {
    const r = await service.login({ registry: reg.host, username: reg.username, password: reg.password });
    expect(r).toMatchObject({ registry: reg.host, username: reg.username });
    const config = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8'));
    expect(Buffer.from(config.auths[reg.host].auth, 'base64').toString()).toBe(`${reg.username}:${reg.password}`);
  });

  it('pushes through the engine with the stored log-in, to a plain and a GitLab-style nested path', async () => {
    for (const ref of [`${reg.host}/${plain}:1`, `${reg.host}/${plain}:2`, `${reg.host}/${nested}:v1`]) {
      const t = await tasks.settled(transfer.push(ref).id);
      expect(t.error, ref).toBeUndefined();
      expect(t.state).toBe('succeeded');
      expect(t.result).toMatch(/@sha256:[0-9a-f]{64}$/);
      pushed.set(ref, t.result!.split('@')[1]);
    }
  });

  it('lists a named repository with each tag and its digest', async () => {
    const r = await service.repository({ registry: reg.host, repository: plain });
    expect(r).toEqual({
      registry: reg.host,
      repository: plain,
      tags: [
        { tag: '1', digest: pushed.get(`${reg.host}/${plain}:1`) },
        { tag: '2', digest: pushed.get(`${reg.host}/${plain}:2`) },
      ],
    });
    const n = await service.repository({ registry: reg.host, repository: nested });
    expect(n.tags).toEqual([{ tag: 'v1', digest: pushed.get(`${reg.host}/${nested}:v1`) }]);
  });

  it('says when the registry refuses the catalog, and what to do instead', async () => {
    await expect(service.catalog({ registry: reg.host })).rejects.toMatchObject({
      name: 'Unauthorized',
      message: `${reg.host} does not let you list repositories; enter a repository name`,
    });
  });

  it('lists the catalog, nested paths included, when the token server grants it', async () => {
    await reg.set({ catalog: true });
    const c = await service.catalog({ registry: reg.host });
    expect(c.repositories).toContainEqual({ name: plain, tags: ['1', '2'], tagsListed: true });
    expect(c.repositories).toContainEqual({ name: nested, tags: ['v1'], tagsListed: true });
  });

  it('reuses a token while it lives and fetches a new one once it expired, without failing', async () => {
    await reg.set({ expiresInSeconds: 2 });
    // The tokens Berth holds were issued for 300 s: a fresh service has none.
    const fresh = new RegistryService(engine, new CredentialStore(configDir));
    const before = (await reg.state()).issued;
    await fresh.repository({ registry: reg.host, repository: plain });
    const issued = (await reg.state()).issued;
    expect(issued).toBe(before + 1);
    const browsed = Date.now();
    await fresh.repository({ registry: reg.host, repository: plain });
    expect((await reg.state()).issued).toBe(issued);
    // The token server back-dates exp by distribution's leeway: after 2 s the registry refuses the token.
    await waitFor(() => Date.now() - browsed > 2500, 5000, 'the token to expire');
    const again = await fresh.repository({ registry: reg.host, repository: plain });
    expect(again.tags.map((t) => t.tag)).toEqual(['1', '2']);
    expect((await reg.state()).issued).toBe(issued + 1);
  });

  it('fetches a new token when the registry refuses one that should still live (revoked, clocks apart)', async () => {
    await reg.set({ expiresInSeconds: 1, reportedExpiresInSeconds: 300 });
    const fresh = new RegistryService(engine, new CredentialStore(configDir));
    await fresh.repository({ registry: reg.host, repository: nested });
    const issued = (await reg.state()).issued;
    const browsed = Date.now();
    await waitFor(() => Date.now() - browsed > 1500, 5000, 'the token to lapse');
    const again = await fresh.repository({ registry: reg.host, repository: nested });
    expect(again.tags.map((t) => t.tag)).toEqual(['v1']);
    expect((await reg.state()).issued).toBe(issued + 1);
  });

  it('names the token server when it is down', async () => {
    await reg.set({ up: false });
    const fresh = new RegistryService(engine, new CredentialStore(configDir));
    await expect(fresh.repository({ registry: reg.host, repository: plain })).rejects.toMatchObject({
      name: 'RegistryUnreachable',
      message: expect.stringContaining(`token server ${reg.realm}`),
    });
  });

  it('pulls back what it pushed, nested path included', async () => {
    await docker(['rmi', `${reg.host}/${plain}:2`, `${reg.host}/${nested}:v1`]);
    for (const ref of [`${reg.host}/${plain}:2`, `${reg.host}/${nested}:v1`]) {
      const t = await tasks.settled(transfer.pull(ref).id);
      expect(t.error, ref).toBeUndefined();
      expect(t.state).toBe('succeeded');
    }
    const digests = await docker(['image', 'inspect', '--format', '{{json .RepoDigests}}', `${reg.host}/${nested}:v1`]);
    expect(JSON.parse(digests)).toContain(`${reg.host}/${nested}@${pushed.get(`${reg.host}/${nested}:v1`)}`);
  });
});
