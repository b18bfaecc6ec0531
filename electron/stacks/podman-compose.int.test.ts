// Integration, Podman only (the Podman round of `npm test`, DOCKER_HOST at the private Podman service):
// Debian's podman-compose 1.0.3, chosen with BERTH_COMPOSE, driven by Berth — a real project with a named
// volume, an override file and a profile. podman-compose runs the podman CLI, which CONTAINER_HOST makes a
// remote client of the private service (checked with `podman --remote --url`). What 1.0.3 cannot do
// (config, profiles, scale) is said, not pretended; what it does wrong quietly (`up -d` exits 0 when
// containers failed, down leaves the network) Berth catches. podman-compose 1.0.3 attaches every container
// to PROJECT_default (network_mode: none fails), so the projects use an internal network: no NAT rules.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// eslint-disable-next-line no-restricted-imports -- the Stacks view's own grouping, checked on the engine's real list
import { groupStacks, stackStatusText } from '../../renderer/views/stacks/group';
import { ContainersService } from '../containers/service';
import { Engine } from '../engine/engine';
import { TaskManager } from '../tasks/manager';
import { LogsService } from '../logs/service';
import { docker, engineKind, engineMissing, socketOf, TEST_IMAGE, uniqueName } from '../testing/engine';
import { findCompose } from './compose';
import { StacksService } from './service';

const exec = promisify(execFile);
const engine = new Engine();
const missing = await engineMissing();
const podman = !missing && (await engineKind()) === 'podman';
if (!missing && !podman) console.warn('SKIPPED: the podman-compose suite runs against a Podman engine only (the Podman round of npm test); DOCKER_HOST is a Docker engine');
const compose = podman ? (await findCompose(engine, { ...process.env, BERTH_COMPOSE: 'podman-compose' })).found : null;
if (podman && !compose && process.env.CI === 'true') throw new Error('the podman-compose suite must run in CI: podman-compose does not answer (bash scripts/install-deps.sh)');
if (podman && !compose) console.warn('SKIPPED: no podman-compose on PATH (bash scripts/install-deps.sh installs it)');

describe.skipIf(!compose)('podman-compose stacks on the private Podman service', () => {
  const before = process.env.BERTH_COMPOSE;
  beforeAll(() => {
    process.env.BERTH_COMPOSE = 'podman-compose';
  });
  const name = () => uniqueName('pc').toLowerCase().replace(/[^a-z0-9_]/g, '');
  const project = name();
  const faulty = name();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-podman-compose-'));
  const main = path.join(dir, 'compose.yaml');
  const override = path.join(dir, 'compose.override.yaml');
  const debug = path.join(dir, 'compose.debug.yaml');
  const broken = path.join(dir, 'broken.yaml');
  const tasks = new TaskManager();
  const stacks = new StacksService(engine, tasks, new LogsService(engine));
  const containers = new ContainersService(engine);
  // Exits on SIGTERM at once (a bare sleep as PID 1 ignores it: every stop waited 10 s).
  const quick = '["sh", "-c", "trap \'exit 0\' TERM; sleep 600 & wait"]';
  const internal = ['networks:', '  default:', '    internal: true'];
  const service = (svc: string, ...more: string[]) => [`  ${svc}:`, `    image: ${TEST_IMAGE}`, `    command: ${quick}`, ...more.map((l) => `    ${l}`)];
  fs.writeFileSync(main, ['services:', ...service('web'), ...service('db', 'volumes: ["data:/data"]'), 'volumes:', '  data: {}', ...internal, ''].join('\n'));
  fs.writeFileSync(override, ['services:', '  web:', '    environment:', '      GREETING: from-the-override', ''].join('\n'));
  fs.writeFileSync(debug, ['services:', ...service('debug', 'profiles: ["debug"]'), ''].join('\n'));
  fs.writeFileSync(
    broken,
    ['services:', ...service('web'), '  broken:', `    image: ${TEST_IMAGE}`, '    command: ["no-such-command"]', '    volumes: ["scratch:/s"]', '  gone:', '    image: berth-test/no-such-image:1', 'volumes:', '  scratch: {}', ...internal, ''].join('\n'),
  );
  const spec = { files: [main, override], project };
  const ours = async (p = project) => (await containers.list()).filter((c) => c.labels['com.docker.compose.project'] === p);
  const podmanRemote = (args: string[]) => exec('podman', ['--remote', '--url', `unix://${socketOf(process.env.DOCKER_HOST)}`, ...args], { env: { ...process.env, CONTAINER_HOST: '' } }).then((r) => r.stdout.trim());

  afterAll(async () => {
    if (before === undefined) delete process.env.BERTH_COMPOSE;
    else process.env.BERTH_COMPOSE = before;
    for (const p of [project, faulty]) {
      const ids = (await docker(['ps', '-aq', '--filter', `label=com.docker.compose.project=${p}`])).split('\n').filter(Boolean);
      if (ids.length) await docker(['rm', '-f', ...ids]).catch(() => {});
      for (const v of ['data', 'scratch']) await docker(['volume', 'rm', '-f', `${p}_${v}`]).catch(() => {});
      await docker(['network', 'rm', `${p}_default`]).catch(() => {});
    }
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("names podman-compose and its own version (not podman's, which it prints first)", async () => {
    const info = await stacks.compose();
    expect(info.found?.name).toBe('podman-compose');
    const { version: podmanVersion } = await engine.identify();
    expect(info.found?.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(info.found?.version).not.toBe(podmanVersion);
  });

  it('config: the resolved configuration, or, where podman-compose has no config command, says so', async () => {
    if (compose!.lacks.includes('config')) {
      await expect(stacks.config(spec)).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringMatching(/podman-compose .* has no config command/) });
    } else {
      expect((await stacks.config(spec)).yaml).toContain('from-the-override');
    }
  });

  it('a profile: not started unless asked; a podman-compose without profiles is refused before anything starts', async () => {
    const withDebug = { ...spec, files: [main, override, debug] };
    if (compose!.lacks.includes('profiles')) {
      await expect(stacks.up(withDebug)).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringMatching(/does not know profiles and would start the services behind them too \(compose\.debug\.yaml/) });
      await expect(stacks.up({ ...spec, profiles: ['debug'] })).rejects.toMatchObject({ name: 'Unsupported', message: expect.stringContaining('asked for: debug') });
      expect(await ours()).toEqual([]);
    } else {
      const t = await tasks.settled((await stacks.up(withDebug)).id);
      expect(t.state, t.error).toBe('succeeded');
      expect((await ours()).map((c) => c.labels['com.docker.compose.service']).sort()).toEqual(['db', 'web']);
    }
  }, 60_000);

  it('up as a task: the services with compose labels, on the private service (not a local store), grouped as the Stacks view groups them', async () => {
    const t = await tasks.settled((await stacks.up(spec)).id);
    expect(t.state, t.error).toBe('succeeded');
    const list = await ours();
    expect(list.map((c) => c.name).sort()).toEqual([`${project}_db_1`, `${project}_web_1`]);
    // The labels podman-compose 1.0.3 really sets: no `oneoff`, the files as given (absolute here), its own io.podman.compose.*.
    const web = list.find((c) => c.name === `${project}_web_1`)!;
    expect(web.labels).toMatchObject({
      'com.docker.compose.project': project,
      'com.docker.compose.service': 'web',
      'com.docker.compose.container-number': '1',
      'com.docker.compose.project.config_files': `${main},${override}`,
      'com.docker.compose.project.working_dir': fs.realpathSync(dir),
      'io.podman.compose.project': project,
    });
    expect(web.labels['com.docker.compose.oneoff']).toBeUndefined();
    // The override applied, the named volume made and labelled.
    expect(await docker(['inspect', '-f', '{{json .Config.Env}}', `${project}_web_1`])).toContain('GREETING=from-the-override');
    expect(await docker(['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`])).toBe(`${project}_data`);
    // podman ran as a remote client of the private service: its own `ps` over the socket lists them.
    expect((await podmanRemote(['ps', '--filter', `label=io.podman.compose.project=${project}`, '--format', '{{.Names}}'])).split('\n').sort()).toEqual([`${project}_db_1`, `${project}_web_1`]);
    const [stack] = groupStacks(list);
    expect(stack).toMatchObject({ project, services: ['db', 'web'], state: 'running', configFiles: [main, override], workingDir: fs.realpathSync(dir) });
  }, 60_000);

  it("a one-off `podman-compose run` (no oneoff label: named P_web_tmpN) does not make the stack partly running", async () => {
    const env = { ...process.env, CONTAINER_HOST: process.env.DOCKER_HOST };
    await exec('podman-compose', ['-f', main, '-f', override, '-p', project, 'run', '--no-deps', 'web', 'true'], { env, cwd: dir });
    const list = await ours();
    const oneOff = list.find((c) => /_tmp\d+$/.test(c.name));
    expect(oneOff?.labels['com.docker.compose.oneoff']).toBeUndefined();
    const [stack] = groupStacks(list);
    expect(stack!.containers).toHaveLength(3);
    expect(stackStatusText(stack!)).toBe('running 2/2');
    await docker(['rm', '-f', oneOff!.id]);
  }, 60_000);

  it('scale: said to fail when podman-compose ignores --scale; pull and recreate recreates the containers', async () => {
    const scaled = await tasks.settled((await stacks.scale(project, 'web', 2)).id);
    const webs = (await ours()).filter((c) => c.labels['com.docker.compose.service'] === 'web').length;
    if (webs === 2) expect(scaled.state, scaled.error).toBe('succeeded');
    else expect(scaled).toMatchObject({ state: 'failed', error: expect.stringMatching(/web has 1 container, not 2: this Compose does not scale/) });
    const ids = (await ours()).map((c) => c.id).sort();
    const again = await tasks.settled((await stacks.recreate(project)).id);
    expect(again.state, again.error).toBe('succeeded');
    const now = await ours();
    expect(now.map((c) => c.name).sort()).toEqual([`${project}_db_1`, `${project}_web_1`]);
    expect(now.map((c) => c.id).filter((id) => ids.includes(id))).toEqual([]);
    expect(now.every((c) => c.state === 'running')).toBe(true);
  }, 90_000);

  it("down removes the containers and the network podman-compose leaves, and keeps the named volume", async () => {
    const t = await tasks.settled((await stacks.down(project, false)).id);
    expect(t.state, t.error).toBe('succeeded');
    expect(await ours()).toEqual([]);
    expect(await docker(['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`])).toBe(`${project}_data`);
    expect(await docker(['network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`])).toBe('');
  }, 60_000);

  it('a half-started stack: up fails (podman-compose itself exits 0) naming the missing image and the service that did not start; partly running; down with volumes', async () => {
    const t = await tasks.settled((await stacks.up({ files: [broken], project: faulty })).id);
    expect(t.state).toBe('failed');
    expect(t.error).toMatch(/ended as if all went well, but /);
    expect(t.error).toContain('the image berth-test/no-such-image:1 of service gone is not on the engine and could not be pulled');
    expect(t.error).toMatch(/service broken \(\w+_broken_1\) did not start: .*no-such-command/);
    expect(t.error).toMatch(/on the engine now: partly running, 1 of 2 containers up \(broken created, never started; web running\)/);
    const [stack] = groupStacks(await ours(faulty));
    expect(stack!.state).toBe('partly running');
    const down = await tasks.settled((await stacks.down(faulty, true)).id);
    expect(down.state, down.error).toBe('succeeded');
    expect(await ours(faulty)).toEqual([]);
    expect(await docker(['volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${faulty}`])).toBe('');
  }, 60_000);
});
