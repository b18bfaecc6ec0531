// Integration: build (with .dockerignore, failing step, build args, target), save/load round trip and
// prune against the private dockerd, compared with what the docker CLI sees.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { RegistryService } from '../registry/service';
import { CredentialStore } from '../registry/credentials';
import { TaskManager } from '../tasks/manager';
import { docker, engineGet, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { BuildService } from './build/service';
import { PruneService } from './prune';
import { SaveLoadService } from './save-load';

const missing = await engineMissing();

describe.skipIf(missing)('build, save, load and prune on a real engine', () => {
  const engine = new Engine();
  const tasks = new TaskManager();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-build-'));
  const registry = new RegistryService(engine, new CredentialStore(path.join(dir, 'dockercfg')));
  const build = new BuildService(engine, tasks, registry);
  const saveLoad = new SaveLoadService(engine, tasks);
  const prune = new PruneService(engine);
  const tag = `berth-it/${uniqueName('built')}:1`;
  const context = path.join(dir, 'ctx');

  afterAll(async () => {
    await docker(['rmi', '-f', tag]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  // The private test engine has no bridge network (scripts/engine.sh), so RUN steps use none.
  describe.each(['buildkit', 'classic'] as const)('with the %s builder', (builder) => {
    const failed = builder === 'buildkit' ? '[3/4] RUN exit 3' : 'Step 3/4 : RUN exit 3';

    it('builds with .dockerignore honoured, build args and target, streaming the steps', async () => {
      fs.mkdirSync(path.join(context, 'secret'), { recursive: true });
      fs.writeFileSync(path.join(context, 'Dockerfile'), `FROM ${TEST_IMAGE} AS base\nARG GREETING\nCOPY . /ctx/\nRUN echo "$GREETING" > /greeting\nFROM base AS final\nRUN echo final > /final\n`);
      fs.writeFileSync(path.join(context, '.dockerignore'), 'secret\n*.log\n!keep.log\n');
      fs.writeFileSync(path.join(context, 'app.txt'), 'app');
      fs.writeFileSync(path.join(context, 'debug.log'), 'ignored');
      fs.writeFileSync(path.join(context, 'keep.log'), 'kept by !keep.log');
      fs.writeFileSync(path.join(context, 'secret', 'key'), 'never sent');
      const t = await tasks.settled(build.build({ context, tag, buildArgs: { GREETING: `hello ${builder}` }, target: 'base', network: 'none', builder }).id);
      expect(t.error).toBeUndefined();
      expect(t.state).toBe('succeeded');
      expect(t.result).toMatch(/^sha256:/);
      expect(await docker(['image', 'inspect', '--format', '{{.Id}}', tag])).toBe(t.result);
      const files = await docker(['run', '--rm', tag, 'sh', '-c', 'ls -a /ctx | sort | tr "\\n" " "; cat /greeting; ls /final 2>&1 || true']);
      expect(files).toContain('. .. .dockerignore Dockerfile app.txt keep.log');
      expect(files).not.toContain('secret');
      expect(files).not.toContain('debug.log');
      expect(files).toContain(`hello ${builder}`);
      expect(files).toMatch(/\/final: No such file/); // target stage "base": the final stage never ran
    });

    it('fails a broken build naming the step, and leaves no container behind (Dockerfile outside the context)', async () => {
      const before = await docker(['ps', '-aq', '--no-trunc']);
      const outside = path.join(dir, 'Dockerfile.bad');
      fs.writeFileSync(outside, `FROM ${TEST_IMAGE}\nRUN echo before\nRUN exit 3\nRUN echo never\n`);
      const t = await tasks.settled(build.build({ context, dockerfile: outside, network: 'none', builder, noCache: true }).id);
      expect(t.state).toBe('failed');
      expect(t.failedStep).toBe(failed);
      expect(t.error).toMatch(/returned a non-zero code: 3|exit code: 3/);
      expect(await docker(['ps', '-aq', '--no-trunc'])).toBe(before);
    });

    it('shows a carriage-return progress line as a terminal would: its last state only', async () => {
      const ctx = fs.mkdtempSync(path.join(dir, 'cr-'));
      // What apt, pip and curl do: redraw one line with \r, end it with \n.
      fs.writeFileSync(path.join(ctx, 'Dockerfile'), `FROM ${TEST_IMAGE}\nRUN printf 'fetch 10%%\\rfetch 55%%\\rfetched 100%%\\n'\n`);
      const log: string[] = [];
      let id = '';
      const off = tasks.subscribe((e) => {
        if ('task' in e && e.task.id === id) log.push(...e.log);
      });
      try {
        id = build.build({ context: ctx, network: 'none', builder, noCache: true }).id;
        const t = await tasks.settled(id);
        expect(t.state).toBe('succeeded');
      } finally {
        off();
      }
      expect(log.filter((l) => l.includes('fetch') && !l.includes('printf'))).toEqual([expect.stringMatching(/fetched 100%$/)]);
      expect(log.join('\n')).not.toContain('\r');
    });
  });

  it('cancels a running build: the request is closed, the task ends cancelled, nothing is left running', async () => {
    const before = await docker(['ps', '-aq', '--no-trunc']);
    const outside = path.join(dir, 'Dockerfile.slow');
    fs.writeFileSync(outside, `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName('slow')} && sleep 30\n`);
    const task = build.build({ context, dockerfile: outside, network: 'none' });
    await waitFor(async () => tasks.get(task.id).logLines >= 3, 20_000, 'the build to start');
    const t0 = Date.now();
    tasks.cancel(task.id);
    const t = await tasks.settled(task.id);
    expect(t.state).toBe('cancelled');
    expect(Date.now() - t0).toBeLessThan(5000);
    await waitFor(async () => (await docker(['ps', '-aq', '--no-trunc'])) === before, 15_000, 'no container left');
  });

  it('warns about unpinned FROM lines and offers local digests', async () => {
    const hints = await build.hints(context);
    const digests = JSON.parse(await docker(['image', 'inspect', '--format', '{{json .RepoDigests}}', TEST_IMAGE])) as string[];
    // Line 5 (`FROM base`) names a stage, not an image: no hint.
    expect(hints).toEqual([{ line: 1, image: TEST_IMAGE, warning: expect.stringMatching(/uses the tag latest/), digests }]);
  });

  it('round-trips save and load', async () => {
    const file = path.join(dir, 'image.tar');
    const saved = await tasks.settled((await saveLoad.save([tag], file)).id);
    expect(saved.state).toBe('succeeded');
    expect(fs.statSync(file).size).toBe(saved.progress.current);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    await expect(saveLoad.save([tag], file)).rejects.toMatchObject({ name: 'Conflict' });
    const id = await docker(['image', 'inspect', '--format', '{{.Id}}', tag]);
    await docker(['rmi', tag]);
    const loaded = await tasks.settled(saveLoad.load(file).id);
    expect(loaded.state).toBe('succeeded');
    expect(loaded.result).toContain(tag);
    expect(await docker(['image', 'inspect', '--format', '{{.Id}}', tag])).toBe(id);
  });

  it('fails a load of a file that is not an image archive', async () => {
    const file = path.join(dir, 'not-an-image.tar');
    fs.writeFileSync(file, 'hello');
    const t = await tasks.settled(saveLoad.load(file).id);
    expect(t.state).toBe('failed');
    expect(t.error).toBeTruthy();
  });

  it('prunes exactly the dangling images it listed', async () => {
    // Two dangling images of its own: build three times under one tag; the first two lose it.
    const dangling = `berth-it/${uniqueName('dangling')}:x`;
    for (const n of [1, 2, 3]) {
      fs.writeFileSync(path.join(context, 'Dockerfile.d'), `FROM ${TEST_IMAGE}\nRUN echo ${uniqueName(`d${n}`)} > /d\n`);
      await tasks.settled(build.build({ context, dockerfile: 'Dockerfile.d', tag: dangling, network: 'none' }).id);
    }
    await docker(['rmi', dangling]);
    const preview = await prune.preview('dangling');
    const cli = (await docker(['images', '-q', '--no-trunc', '--filter', 'dangling=true'])).split('\n').filter(Boolean);
    expect(preview.images.map((i) => i.id).sort()).toEqual(cli.sort());
    expect(preview.images.length).toBeGreaterThanOrEqual(2);
    // Only the first listed one is asked for: only it goes.
    const [first, ...others] = preview.images;
    const layersSize = async () => (await engineGet<{ LayersSize: number }>('/system/df')).LayersSize;
    const before = await layersSize();
    const r = await prune.prune('dangling', [first.id]);
    expect(r.removed).toEqual([first.id]);
    const after = (await docker(['images', '-q', '--no-trunc', '--filter', 'dangling=true'])).split('\n').filter(Boolean);
    expect(after.sort()).toEqual(others.map((i) => i.id).sort());
    // Never more than left the images' layers: on Docker the layers BuildKit's cache still holds become build
    // cache (the engine's own SpaceReclaimed counts them as 0; space.int.test.ts compares with it exactly).
    const dropped = before - (await layersSize());
    expect(dropped).toBeGreaterThan(0);
    expect(r.reclaimed).toBeGreaterThanOrEqual(0);
    expect(r.reclaimed).toBeLessThanOrEqual(dropped);
    await prune.prune('dangling', others.map((i) => i.id));
  });
});
