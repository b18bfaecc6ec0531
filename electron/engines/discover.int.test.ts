// Integration: engines found the way the Docker CLI keeps them — a DOCKER_CONFIG made by `docker context create`.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { engineMissing } from '../testing/engine';
import { findEngines, listEngines } from './discover';

const exec = promisify(execFile);
const missing = await engineMissing();

describe.skipIf(missing)('engine discovery', () => {
  const config = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-contexts-'));
  const ours = process.env.DOCKER_HOST!;
  afterAll(() => fs.rmSync(config, { recursive: true, force: true }));
  const cli = (args: string[]) => exec('docker', ['--config', config, ...args], { env: { ...process.env, DOCKER_HOST: '' } });

  it('lists every docker context with its endpoint, marks the current one, and probes each', async () => {
    await cli(['context', 'create', 'berth-private', '--docker', `host=${ours}`]);
    await cli(['context', 'create', 'gone', '--docker', 'host=unix:///nonexistent/berth/docker.sock']);
    await cli(['context', 'create', 'remote', '--docker', 'host=ssh://someone@example.invalid']);
    await cli(['context', 'use', 'berth-private']);
    const env = { HOME: os.homedir(), DOCKER_CONFIG: config, PATH: process.env.PATH };
    const found = findEngines(env, () => false);
    expect(found.map((f) => [f.id, f.host, f.cliCurrent]).sort()).toEqual([
      ['context:berth-private', ours, true],
      ['context:gone', 'unix:///nonexistent/berth/docker.sock', false],
      ['context:remote', 'ssh://someone@example.invalid', false],
      ['default', 'unix:///var/run/docker.sock', false],
    ]);

    const engines = await listEngines({ cliEnv: { DOCKER_HOST: ours } }, env);
    const byId = Object.fromEntries(engines.map((e) => [e.id, e]));
    expect(byId['context:berth-private']).toMatchObject({ reachable: true, inUse: true, info: { kind: 'docker' } });
    expect(byId['context:gone']).toMatchObject({ reachable: false, inUse: false, error: expect.stringMatching(/ENOENT/) });
    expect(byId['context:remote']).toMatchObject({ reachable: false, error: expect.stringMatching(/^SSH to ssh:\/\/someone@example\.invalid failed: .*example\.invalid/) });
  });
});
