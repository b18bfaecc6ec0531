// Which Compose, which version, and what it cannot do: from the programs' own words (podman-compose 1.0.3's
// `version` and `--help` as Debian 12 ships them).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { methods } from '../../shared/api';
import { commandOf, composeLacks, runCompose, versionOf } from './compose';

const HELP_103 = fs.readFileSync(path.join(__dirname, 'fixtures/podman-compose-1.0.3-help.txt'), 'utf8');

describe('versionOf', () => {
  it("takes the Compose's own version, not podman's that podman-compose prints first", () => {
    expect(versionOf("['podman', '--version', '']\nusing podman version: 4.3.1\npodman-composer version  1.0.3\npodman --version \npodman version 4.3.1\nexit code: 0\n")).toBe('1.0.3');
    expect(versionOf('docker-compose version 1.29.2, build unknown\ndocker-py version: 5.0.3\n')).toBe('1.29.2');
    expect(versionOf('Docker Compose version v2.24.6\n')).toBe('2.24.6');
  });
});

describe('composeLacks', () => {
  it('podman-compose 1.0.3 has no config command, no --profile and no --env-file', () => {
    expect(composeLacks('podman-compose', '1.0.3', HELP_103)).toEqual(['config', 'profiles', 'env-file']);
  });
  it('a podman-compose whose help lists them lacks nothing', () => {
    const newer = HELP_103.replace('[--dry-run]', '[--dry-run] [--profile profile] [--env-file env_file]').replace('{help,version,', '{help,version,config,');
    expect(composeLacks('podman-compose', '1.1.0', newer)).toEqual([]);
  });
  it('docker-compose before 1.28 is too old for profiles; Compose v2 has them', () => {
    expect(composeLacks('docker-compose', '1.27.4')).toEqual(['profiles']);
    expect(composeLacks('docker-compose', '1.29.2')).toEqual([]);
    expect(composeLacks('docker compose', '2.0.0')).toEqual([]);
  });
});

describe('runCompose', () => {
  const fake = (script: string) => ({ name: 'docker-compose' as const, version: '0', command: ['sh', '-c', script, 'sh'], lacks: [] });
  it('answers stdout alone for config (the warnings Compose prints on stderr are not YAML)', async () => {
    await expect(runCompose(fake('echo "services: {}"; echo "The X variable is not set" >&2'), [], { env: process.env, stdoutOnly: true })).resolves.toBe('services: {}\n');
  });
  it('stops a Compose that runs past its time, and says so', async () => {
    const started = Date.now();
    await expect(runCompose(fake('sleep 30'), ['-f', '/x.yml', 'config'], { env: process.env, timeoutMs: 300 })).rejects.toMatchObject({ name: 'Timeout', message: expect.stringContaining('docker-compose config took longer') });
    expect(Date.now() - started).toBeLessThan(10_000);
  });
  it('names the command in a failure without the files\' options', async () => {
    await expect(runCompose(fake('exit 3'), ['-f', '/srv/a.yml', '-p', 'shop', 'down', '--volumes'], { env: process.env })).rejects.toMatchObject({ message: expect.stringMatching(/^docker-compose down --volumes failed \(3\)/) });
    expect(commandOf(['-f', '/a.yml', '--profile', 'x', 'up', '-d', '--scale', 'w=2'])).toBe('up -d');
  });
});

describe('stacks.scale arguments', () => {
  it('refuses a service name Compose would read as an option', () => {
    expect(methods['stacks.scale'].args.safeParse({ project: 'shop', service: '--remove-orphans', replicas: 1 }).success).toBe(false);
    expect(methods['stacks.scale'].args.safeParse({ project: 'shop', service: '-f', replicas: 1 }).success).toBe(false);
    expect(methods['stacks.scale'].args.safeParse({ project: 'shop', service: 'web.v2', replicas: 1 }).success).toBe(true);
  });
});
