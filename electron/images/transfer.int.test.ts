// Integration: log-in, tag, push, pull and the registry catalog against the private dockerd and the
// private registry (htpasswd), with credentials in a temporary DOCKER_CONFIG shared with the docker CLI.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { CredentialStore } from '../registry/credentials';
import { RegistryService } from '../registry/service';
import { TaskManager } from '../tasks/manager';
import { docker, engineMissing, TEST_IMAGE, testRegistry, uniqueName } from '../testing/engine';
import { TransferService } from './transfer';

const missing = await engineMissing();
const registry = missing ? null : testRegistry();

describe.skipIf(missing || !registry)('pull, push and tag through a real registry', () => {
  const reg = registry!;
  const configDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-dockercfg-'));
  const engine = new Engine();
  const tasks = new TaskManager();
  const service = new RegistryService(engine, new CredentialStore(configDir));
  const transfer = new TransferService(engine, tasks, service);
  const repo = `${reg.host}/it/${uniqueName('bb')}`;
  const cli = (args: string[]) => docker(['--config', configDir, ...args]);

  beforeAll(async () => {
    // An image with a layer of its own on top of the test image, so a pull has something to download.
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ctx-'));
    fs.writeFileSync(path.join(context, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName('layer')} > /unique\n`);
    await docker(['build', '-q', '-t', `${repo}:1`, context]);
    fs.rmSync(context, { recursive: true });
  });
  afterAll(async () => {
    await docker(['rmi', '-f', `${repo}:1`, `${repo}:2`]).catch(() => {});
    fs.rmSync(configDir, { recursive: true, force: true });
  });

  it('tags as docker tag does', async () => {
    await transfer.tag(`${repo}:1`, `${repo}:2`);
    const ids = await docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:1`, `${repo}:2`]);
    const [a, b] = ids.split('\n');
    expect(a).toBe(b);
  });

  it('fails a push without log-in with the registry reason', async () => {
    const t = await tasks.settled(transfer.push(`${repo}:1`).id);
    expect(t.state).toBe('failed');
    expect(t.error).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
  });

  it('refuses a wrong password and stores nothing', async () => {
    await expect(service.login({ registry: reg.host, username: reg.username, password: 'wrong' })).rejects.toMatchObject({ name: 'Unauthorized' });
    expect(await service.list()).toEqual([]);
  });

  it('logs in where the CLI keeps credentials, and the CLI sees it', async () => {
    const r = await service.login({ registry: reg.host, username: reg.username, password: reg.password });
    expect(r).toMatchObject({ registry: reg.host, username: reg.username });
    expect(await service.list()).toEqual([{ registry: reg.host, username: reg.username }]);
    const config = JSON.parse(fs.readFileSync(path.join(configDir, 'config.json'), 'utf8'));
    expect(Buffer.from(config.auths[reg.host].auth, 'base64').toString()).toBe(`${reg.username}:${reg.password}`);
    // The CLI, given the same config folder, is logged in: its push succeeds.
    await cli(['push', `${repo}:2`]);
  });

  it('pushes with per-layer progress and the registry then lists the tag', async () => {
    const t = await tasks.settled(transfer.push(`${repo}:1`).id);
    expect(t.error).toBeUndefined();
    expect(t.state).toBe('succeeded');
    expect(t.result).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(t.layers.length).toBeGreaterThan(0);
    expect(t.layers.every((l) => l.state === 'done' || l.state === 'exists')).toBe(true);
    const res = await fetch(`http://${reg.host}/v2/${repo.slice(reg.host.length + 1)}/tags/list`, {
      headers: { authorization: `Basic ${Buffer.from(`${reg.username}:${reg.password}`).toString('base64')}` },
    });
    expect(((await res.json()) as { tags: string[] }).tags.sort()).toEqual(['1', '2']);
  });

  it('lists the catalog with tags', async () => {
    const c = await service.catalog({ registry: reg.host });
    const name = repo.slice(reg.host.length + 1);
    expect(c.repositories.find((r) => r.name === name)).toEqual({ name, tags: ['1', '2'], tagsListed: true });
  });

  it('pulls a private image back after removal, reporting each layer', async () => {
    await docker(['rmi', `${repo}:1`, `${repo}:2`]);
    const t = await tasks.settled(transfer.pull(`${repo}:2`).id);
    expect(t.state).toBe('succeeded');
    // The test image's layer is already here; the image's own layer is downloaded and extracted.
    expect(t.layers.filter((l) => l.state === 'done')).toHaveLength(1);
    expect(t.layers.filter((l) => l.state !== 'done').every((l) => l.state === 'exists')).toBe(true);
    expect(t.progress.current).toBe(t.progress.total);
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', `${repo}:2`])).toMatch(/^sha256:/);
  });

  it('fails a pull of a missing tag with the engine message, not success', async () => {
    const t = await tasks.settled(transfer.pull(`${repo}:does-not-exist`).id);
    expect(t.state).toBe('failed');
    expect(t.error).toMatch(/not found|manifest unknown/i);
  });

  it('after log-out the pull is refused', async () => {
    await service.logout({ registry: reg.host });
    expect(await service.list()).toEqual([]);
    await docker(['rmi', `${repo}:2`]);
    const t = await tasks.settled(transfer.pull(`${repo}:2`).id);
    expect(t.state).toBe('failed');
    expect(t.error).toMatch(/no basic auth credentials|unauthorized|authentication required/i);
  });

  it('names an unreachable registry', async () => {
    const t = await tasks.settled(transfer.pull('127.0.0.1:1/nothing/here:1').id);
    expect(t.state).toBe('failed');
    expect(t.error).toMatch(/connection refused/i);
  });
});
