// Integration: the user's own Compose (Debian's docker-compose 1.29 here) driven by Berth against the
// private dockerd — a real three-service project with a named volume, a profile and an override file:
// config before anything starts, up as a task, an invalid file's message, down keeping the volume unless asked.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { TaskManager } from '../tasks/manager';
import { docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { findCompose } from './compose';
import { StacksService } from './service';
import { LogsService } from '../logs/service';

const engine = new Engine();
const missing = await engineMissing();
const compose = missing ? null : (await findCompose(engine)).found;
if (!missing && !compose && process.env.CI === 'true') throw new Error('the Compose suite must run in CI: no docker-compose (bash scripts/install-deps.sh)');
if (!missing && !compose) console.warn('SKIPPED: no Compose on PATH (bash scripts/install-deps.sh installs docker-compose)');

describe.skipIf(missing || !compose)('Compose stacks through the user\'s Compose', () => {
  const project = uniqueName('proj').toLowerCase().replace(/[^a-z0-9_-]/g, '');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-'));
  const main = path.join(dir, 'compose.yaml');
  const override = path.join(dir, 'compose.override.yaml');
  const tasks = new TaskManager();
  const stacks = new StacksService(engine, tasks, new LogsService(engine));
  // Exits on SIGTERM at once (a bare sleep as PID 1 ignores it: every stop waited 10 s).
  const quick = '["sh", "-c", "trap \'exit 0\' TERM; sleep 600 & wait"]';
  fs.writeFileSync(
    main,
    [
      "version: '2.4'",
      'services:',
      '  web:',
      `    image: ${TEST_IMAGE}`,
      `    command: ${quick}`,
      '    network_mode: none',
      '  db:',
      `    image: ${TEST_IMAGE}`,
      `    command: ${quick}`,
      '    network_mode: none',
      '    volumes: ["data:/data"]',
      '  debug:',
      `    image: ${TEST_IMAGE}`,
      `    command: ${quick}`,
      '    network_mode: none',
      '    profiles: ["debug"]',
      'volumes:',
      '  data: {}',
      '',
    ].join('\n'),
  );
  fs.writeFileSync(override, ["version: '2.4'", 'services:', '  web:', '    environment:', '      GREETING: from-the-override', ''].join('\n'));
  const spec = { files: [main, override], project };
  const ours = async () => (await docker(['ps', '-a', '--filter', `label=com.docker.compose.project=${project}`, '--format', '{{.Label "com.docker.compose.service"}}'])).split('\n').filter(Boolean).sort();

  afterAll(async () => {
    const ids = (await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`])).split('\n').filter(Boolean);
    if (ids.length) await docker(['rm', '-f', ...ids]).catch(() => {});
    await docker(['volume', 'rm', '-f', `${project}_data`]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('names the Compose it found, and its version', async () => {
    const info = await stacks.compose();
    expect(info.found?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.hint).toBeNull();
  });

  it('config shows the resolved configuration, the override merged; an invalid file says why', async () => {
    const { yaml } = await stacks.config(spec);
    expect(yaml).toContain('from-the-override');
    expect(yaml).toMatch(/db:/);
    const bad = path.join(dir, 'bad.yaml');
    fs.writeFileSync(bad, 'services:\n  web:\n    image: [this is not, an image\n');
    await expect(stacks.config({ files: [bad] })).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(stacks.config({ files: [path.join(dir, 'missing.yaml')] })).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('up starts the services not behind a profile; with the profile, that one too', async () => {
    const t = await stacks.up(spec);
    const done = await tasks.settled(t.id);
    expect(done.state, done.error).toBe('succeeded');
    expect(await ours()).toEqual(['db', 'web']);
    const env = await docker(['inspect', '-f', '{{json .Config.Env}}', `${project}_web_1`]).catch(async () => docker(['inspect', '-f', '{{json .Config.Env}}', `${project}-web-1`]));
    expect(env).toContain('GREETING=from-the-override');
    const withProfile = await tasks.settled((await stacks.up({ ...spec, profiles: ['debug'] })).id);
    expect(withProfile.state, withProfile.error).toBe('succeeded');
    expect(await ours()).toEqual(['db', 'debug', 'web']);
  }, 120_000);

  it('the configuration of a running project comes from its labels\' files, the override merged', async () => {
    const { yaml } = await stacks.projectConfig(project);
    expect(yaml).toContain('from-the-override');
    expect(yaml).toMatch(/debug:/);
    await expect(stacks.projectConfig('no-such-project-here')).rejects.toMatchObject({ name: 'NotFound' });
  });

  it('scale a service to two replicas and back; pull and recreate keeps an image only built here', async () => {
    const up = await tasks.settled((await stacks.scale(project, 'web', 2)).id);
    expect(up.state, up.error).toBe('succeeded');
    expect(await ours()).toEqual(['db', 'debug', 'web', 'web']);
    const back = await tasks.settled((await stacks.scale(project, 'web', 1)).id);
    expect(back.state, back.error).toBe('succeeded');
    expect(await ours()).toEqual(['db', 'debug', 'web']);
    const again = await tasks.settled((await stacks.recreate(project)).id);
    expect(again.state, again.error).toBe('succeeded');
    expect((await ours()).filter((s) => s !== 'debug')).toEqual(['db', 'web']);
  }, 180_000);

  it('down removes the containers and keeps the named volume; with volumes ticked it goes too', async () => {
    const t = await tasks.settled((await stacks.down(project, false)).id);
    expect(t.state, t.error).toBe('succeeded');
    expect(await ours()).toEqual([]);
    expect(await docker(['volume', 'ls', '-q', '--filter', `name=${project}_data`])).toBe(`${project}_data`);
    // Up again, then down with its volumes.
    expect((await tasks.settled((await stacks.up(spec)).id)).state).toBe('succeeded');
    const t2 = await tasks.settled((await stacks.down(project, true)).id);
    expect(t2.state, t2.error).toBe('succeeded');
    expect(await docker(['volume', 'ls', '-q', '--filter', `name=${project}_data`])).toBe('');
    await expect(stacks.down(project, false)).rejects.toMatchObject({ name: 'NotFound' });
  }, 180_000);
});
