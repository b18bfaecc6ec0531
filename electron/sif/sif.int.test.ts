// Integration: "Export as SIF…" of a real image in the private engine, checked with tools Berth does not
// write — siftool 2.8 (list, info, dump) accepts the file and shows the partition, sqfs2tar reads the
// partition back, and its files equal the image's as the engine itself stacks them (`docker export` of
// a created container, independent of Berth's layer code) plus apptainer's /.singularity.d. Then the SIF
// is opened (metadata, Files tree) and imported back into the engine; and the faults: cancel, an
// unwritable folder, an existing target, not a SIF, a truncated SIF, a SIF without a partition.
import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { BlobCache } from '../layers/blob-cache';
import { AnalysisCache } from '../layers/cache';
import { LayersService } from '../layers/service';
import { TaskManager } from '../tasks/manager';
import { buildImage, docker, engineMissing, uniqueName, TEST_IMAGE } from '../testing/engine';
import { exportedTree, treeOfTar } from '../testing/tree-of-tar';
import { writeSif } from './format';
import { SifService } from './service';

const TOOLS = ['siftool', 'tar2sqfs', 'sqfs2tar'];
const onPath = (tool: string) => (process.env.PATH ?? '').split(':').some((d) => d && fs.existsSync(path.join(d, tool)));
const lacking = TOOLS.filter((t) => !onPath(t));
if (lacking.length && process.env.CI === 'true') throw new Error(`the SIF export suite must run in CI: missing ${lacking.join(', ')} (bash scripts/install-deps.sh)`);
if (lacking.length) console.warn(`SKIPPED: the SIF export suite needs ${lacking.join(', ')}`);
const missing = (await engineMissing()) ?? (lacking.length ? 'tools' : null);
const run = async (cmd: string, args: string[]) => (await promisify(execFile)(cmd, args, { maxBuffer: 16 << 20 })).stdout;

describe.skipIf(missing)('SIF export, open and import', () => {
  const tag = `berth-test/sif-${uniqueName('img')}:1.0`;
  const imported = `berth-test/sif-imported-${uniqueName('img')}:1`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sif-'));
  const out = path.join(dir, 'out');
  const tasks = new TaskManager();
  const engine = new Engine();
  const layers = new LayersService(engine, new AnalysisCache(path.join(dir, 'cache')), new BlobCache(path.join(dir, 'cache')));
  const sif = new SifService(engine, layers, tasks);
  const target = path.join(out, 'app.sif');

  beforeAll(async () => {
    fs.mkdirSync(out);
    await buildImage(tag, [
      `FROM ${TEST_IMAGE}`,
      'RUN mkdir -p /etc /data/gone && echo one > /data/a && echo x > /data/gone/f && echo s > /suid && chmod 4755 /suid && ln /data/a /data/hl && echo hosts-of-the-image > /etc/hosts',
      'RUN rm -rf /data/gone && chown 12:34 /data/a',
      'ENV GREETING="hello world" QUOTED="it\'s \\"q\\" \\$5"',
      'LABEL org.example.team="hpc" version="1.0"',
      'ENTRYPOINT ["/bin/echo", "from entrypoint"]',
      'CMD ["a b", "c"]',
    ]);
  }, 120_000);
  afterAll(async () => {
    await docker(['rmi', '-f', tag, imported]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('writes a SIF siftool accepts, whose partition holds exactly the image files plus apptainer\'s', async () => {
    const task = await sif.exporter.start(tag, target);
    const done = await tasks.settled(task.id);
    expect(done.state, done.error).toBe('succeeded');
    expect(fs.readdirSync(out)).toEqual(['app.sif']); // no temporary file left
    const list = await run('siftool', ['list', target]);
    expect(list).toMatch(/Def\.FILE/);
    expect(list).toMatch(/JSON\.Labels/);
    expect(list).toMatch(/FS \(Squashfs\/\*System\/amd64\)/);
    const def = await run('siftool', ['dump', '1', target]);
    expect(def).toMatch(/^Bootstrap: docker-daemon$/m);
    const labels = JSON.parse(await run('siftool', ['dump', '2', target])) as Record<string, string>;
    expect(labels).toMatchObject({ 'org.example.team': 'hpc', version: '1.0' });

    const sqfs = path.join(dir, 'part.sqfs');
    await new Promise<void>((resolve, reject) => {
      const c = spawn('siftool', ['dump', '3', target], { stdio: ['ignore', fs.openSync(sqfs, 'w'), 'inherit'] });
      c.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`siftool dump exited ${code}`))));
    });
    const child = spawn('sqfs2tar', [sqfs], { stdio: ['ignore', 'pipe', 'inherit'] });
    const got = await treeOfTar(child.stdout);
    const want = await exportedTree(tag);
    for (const [p, r] of want) {
      if (p === '/etc/hosts') continue; // apptainer binds the host's over an empty file
      expect(got.get(p), p).toEqual(r);
    }
    expect(got.get('/etc/hosts')).toMatchObject({ type: 'file', size: 0 });
    expect(got.get('/etc/resolv.conf')).toMatchObject({ type: 'file', size: 0 });
    // /etc and /etc/hosts are the image's (docker export replaces /etc/hosts with its own, so the oracle drops them).
    const extra = [...got.keys()].filter((p) => !want.has(p) && !['/etc', '/etc/hosts', '/etc/resolv.conf'].includes(p));
    expect(extra.filter((p) => !/^\/(\.singularity\.d|singularity|\.run|\.exec|\.test|\.shell|environment|dev|proc|sys|tmp|home|root|var|var\/tmp)(\/|$)/.test(p))).toEqual([]);
    expect(got.get('/.singularity.d/runscript')).toMatchObject({ type: 'file', mode: 0o755 });
    expect(got.get('/.singularity.d/env/10-docker2singularity.sh')?.type).toBe('file');
    expect(got.get('/data/a')).toMatchObject({ uid: 12, gid: 34 });
    expect(got.get('/suid')?.mode).toBe(0o4755);
    expect(got.has('/data/gone')).toBe(false);
  }, 120_000);

  it('opens the SIF: descriptors, definition by section, labels, environment, runscript; the Files tree', async () => {
    const s = await sif.reader.open(target);
    expect(s.descriptors.map((d) => d.type)).toEqual(['Def.FILE', 'JSON.Labels', 'FS']);
    expect(s.partition).toMatchObject({ fsType: 'squashfs', partType: 'primary', arch: 'amd64' });
    expect(s.environment).toMatchObject({ GREETING: 'hello world', QUOTED: 'it\'s "q" $5' });
    expect(s.runscript).toContain('OCI_ENTRYPOINT');
    expect(s.labels['org.example.team']).toBe('hpc');
    expect(s.sections.map((x) => x.name)).toContain('header');
    const { subject } = await sif.reader.files(target);
    const rows = await layers.files(subject, 0, 'image');
    expect(rows.find((r) => r.path === '/data/a')).toMatchObject({ type: 'file', size: 4 });
    expect(rows.find((r) => r.path === '/.singularity.d/runscript')).toBeTruthy();
    const content = await layers.fileContent(subject, 0, '/data/a');
    expect(content.current?.text).toBe('one\n');
  }, 120_000);

  it('imports the SIF into the engine: files, ENV and CMD (the runscript) restored', async () => {
    const task = await sif.reader.import(target, imported);
    const done = await tasks.settled(task.id);
    expect(done.state, done.error).toBe('succeeded');
    expect(await docker(['run', '--rm', '--network', 'none', '--entrypoint', 'cat', imported, '/data/a'])).toBe('one');
    const env = JSON.parse(await docker(['image', 'inspect', '-f', '{{json .Config.Env}}', imported])) as string[];
    expect(env).toContain('GREETING=hello world');
    expect(env).toContain('QUOTED=it\'s "q" $5');
    expect(await docker(['run', '--rm', '--network', 'none', imported])).toBe('from entrypoint a b c');
    // Arguments reach the runscript (ENTRYPOINT), as `apptainer run IMAGE args` passes them.
    expect(await docker(['run', '--rm', '--network', 'none', imported, 'x y', 'z'])).toBe('from entrypoint x y z');
    // An existing name is not silently moved to the new image; a digest is no name for a new image.
    await expect(sif.reader.import(target, imported)).rejects.toMatchObject({ name: 'Conflict' });
    await expect(sif.reader.import(target, `berth-test/x@sha256:${'a'.repeat(64)}`)).rejects.toMatchObject({ name: 'ValidationError' });
  }, 120_000);

  it('probe findings: a FIFO or a folder is refused at once; a broken squashfs is said to be one and nothing is cached', async () => {
    const fifo = path.join(dir, 'pipe.sif');
    await run('mkfifo', [fifo]);
    // Before: open() of a FIFO blocked a thread-pool thread until someone wrote to it (five calls froze serve mode).
    await expect(sif.reader.open(fifo)).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/not a regular file/) });
    await expect(sif.reader.files(fifo)).rejects.toMatchObject({ name: 'ValidationError' });
    await expect(sif.reader.open(dir)).rejects.toMatchObject({ name: 'ValidationError', message: expect.stringMatching(/is a folder/) });

    const broken = path.join(dir, 'broken.sif');
    const bytes = fs.readFileSync(target);
    const info = await sif.reader.open(target);
    const part = info.partition!;
    // Garbage over the squashfs data just after its superblock: the descriptors stay valid.
    bytes.fill(0x5a, part.offset + 4096, part.offset + 4096 + 4096);
    fs.writeFileSync(broken, bytes);
    const cacheDir = path.join(dir, 'cache', 'sif');
    const before = fs.readdirSync(cacheDir).filter((n) => n.endsWith('.tar'));
    await expect(sif.reader.files(broken)).rejects.toMatchObject({ name: 'CorruptArchive', message: expect.stringMatching(/squashfs partition is unreadable/) });
    expect(fs.readdirSync(cacheDir).filter((n) => n.endsWith('.tar'))).toEqual(before);
  }, 60_000);

  it('probe findings: export onto a folder, into /proc, or with a 240-character name', async () => {
    const folder = path.join(out, 'a-folder.sif');
    fs.mkdirSync(folder);
    await expect(sif.exporter.start(tag, folder, true)).rejects.toMatchObject({ name: 'Conflict', message: expect.stringMatching(/is a folder/) });
    fs.rmdirSync(folder);
    // Before: the task started and failed minutes later with "layer 0 could not be read: write EPIPE".
    await expect(sif.exporter.start(tag, '/proc/berth-test.sif')).rejects.toMatchObject({ name: 'Conflict', message: expect.stringMatching(/cannot write/) });
    const long = path.join(out, `${'c'.repeat(236)}.sif`);
    const task = await sif.exporter.start(tag, long);
    const done = await tasks.settled(task.id);
    expect(done.state, done.error).toBe('succeeded');
    expect(fs.existsSync(long)).toBe(true);
    fs.rmSync(long);
  }, 120_000);

  it('cancel leaves nothing; an existing target is refused; an unwritable folder is refused before any work', async () => {
    const cancelled = path.join(out, 'cancelled.sif');
    const task = await sif.exporter.start(tag, cancelled);
    tasks.cancel(task.id);
    expect((await tasks.settled(task.id)).state).toBe('cancelled');
    expect(fs.readdirSync(out).sort()).toEqual(['app.sif']);
    await expect(sif.exporter.start(tag, target)).rejects.toMatchObject({ name: 'Conflict' });
    await expect(sif.exporter.start(tag, path.join(dir, 'no-such-folder', 'x.sif'))).rejects.toMatchObject({ name: 'NotFound' });
    if (process.getuid?.() !== 0) {
      const ro = path.join(dir, 'ro');
      fs.mkdirSync(ro, { mode: 0o555 });
      await expect(sif.exporter.start(tag, path.join(ro, 'x.sif'))).rejects.toMatchObject({ name: 'Conflict' });
    }
  }, 60_000);

  // A full disk: a 1 MiB tmpfs (mounting needs root, as CI runs; skipped loudly otherwise).
  it.skipIf(process.getuid?.() !== 0)('a full disk fails the task with a clear message and leaves nothing', async () => {
    const tiny = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-sif-full-'));
    await run('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', tiny]);
    try {
      const task = await sif.exporter.start(tag, path.join(tiny, 'x.sif'));
      const done = await tasks.settled(task.id);
      expect(done.state).toBe('failed');
      expect(done.error).toMatch(/no space left on the disk of/);
      expect(fs.readdirSync(tiny)).toEqual([]);
    } finally {
      await run('umount', [tiny]);
      fs.rmSync(tiny, { recursive: true, force: true });
    }
  });

  it('bad SIFs say what is wrong: not a SIF, truncated, no partition', async () => {
    const notSif = path.join(dir, 'not.sif');
    fs.writeFileSync(notSif, 'hello, this is not a SIF file at all'.repeat(10));
    await expect(sif.reader.open(notSif)).rejects.toMatchObject({ name: 'CorruptArchive', message: expect.stringMatching(/not a SIF/) });
    const truncated = path.join(dir, 'truncated.sif');
    fs.writeFileSync(truncated, fs.readFileSync(target).subarray(0, 40_000));
    await expect(sif.reader.open(truncated)).rejects.toMatchObject({ name: 'CorruptArchive' });
    const bare = path.join(dir, 'bare.sif');
    await writeSif(bare, [{ type: 'deffile', data: Buffer.from('Bootstrap: docker\nFrom: x\n') }]);
    const summary = await sif.reader.open(bare);
    expect(summary.partition).toBeNull();
    await expect(sif.reader.files(bare)).rejects.toMatchObject({ name: 'CorruptArchive', message: expect.stringMatching(/partition/) });
  });
});
