// Which Compose, which version, and what it cannot do: from the programs' own words (podman-compose 1.0.3's
// `version` and `--help` as Debian 12 ships them).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeLacks, versionOf } from './compose';

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
