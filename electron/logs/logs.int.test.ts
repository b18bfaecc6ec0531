// Integration: logs (demultiplexed, in order, across chunk boundaries), saving them, stats, detached run and
// inspect, against the private dockerd.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LogEvent, LogLine } from '../../shared/logs';
import { emptyRunSpec } from '../../shared/run';
import type { StatsEvent } from '../../shared/stats';
import { inspectContainer } from '../containers/inspect';
import { runContainer } from '../containers/run';
import { Engine } from '../engine/engine';
import { SessionManager } from '../sessions/manager';
import { StatsService } from '../stats/service';
import { docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { LogsService } from './service';

const missing = await engineMissing();

describe.skipIf(missing)('logs, stats and detached run on a real engine', () => {
  const engine = new Engine();
  const logs = new LogsService(engine);
  const names: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-logs-'));
  afterAll(async () => {
    logs.closeAll();
    for (const n of names) await docker(['rm', '-f', n]).catch(() => {});
    fs.rmSync(work, { recursive: true, force: true });
  });

  /** Follow a container's log until it ends; every line and the end event. */
  async function readAll(container: string, follow: boolean): Promise<{ lines: LogLine[]; end: LogEvent }> {
    const lines: LogLine[] = [];
    let end: LogEvent | undefined;
    let id = '';
    const off = logs.subscribe((e) => {
      if (e.id !== id) return;
      if ('lines' in e) lines.push(...e.lines);
      else end = e;
    });
    id = (await logs.follow({ container, tail: 'all', follow })).id;
    await waitFor(() => end !== undefined, 20_000, 'the log to end');
    off();
    return { lines, end: end! };
  }

  const script = 'i=0; while [ $i -lt 1500 ]; do echo "out $i"; echo "err $i" >&2; i=$((i+1)); done; head -c 70000 /dev/zero | tr "\\0" x; echo; echo "ünïcødé 世界" >&2';

  it('tells stdout from stderr, in order, with long lines and UTF-8 whole', async () => {
    const name = uniqueName('logs');
    names.push(name);
    await docker(['run', '--name', name, TEST_IMAGE, 'sh', '-c', script]);
    const { lines, end } = await readAll(name, false);
    expect(end).toEqual({ id: expect.any(String), ended: true });
    // Each stream in the order written. The engine copies the two streams in separate goroutines, so how
    // lines of different streams interleave (and their timestamps) is the engine's, not the program's order.
    const out = lines.filter((l) => l.stream === 'stdout').map((l) => l.text);
    const err = lines.filter((l) => l.stream === 'stderr').map((l) => l.text);
    expect(out).toEqual([...Array.from({ length: 1500 }, (_, i) => `out ${i}`), 'x'.repeat(70_000)]);
    expect(err).toEqual([...Array.from({ length: 1500 }, (_, i) => `err ${i}`), 'ünïcødé 世界']);
    const times = lines.map((l) => l.time!);
    expect(times.every((t) => typeof t === 'number' && Math.abs(t - Date.now()) < 120_000)).toBe(true);
    expect(lines.filter((l) => l.stream === 'stdout').every((l, i, all) => i === 0 || l.time! >= all[i - 1].time!)).toBe(true);

    const file = path.join(work, 'saved.log');
    const saved = await logs.save({ container: name, path: file, timestamps: false });
    const text = fs.readFileSync(file, 'utf8');
    expect(text.split('\n').filter((l) => l.startsWith('[stderr] err ')).length).toBe(1500);
    expect(text).toContain('[stderr] ünïcødé 世界\n');
    expect(text).toContain(`\n${'x'.repeat(70_000)}\n`);
    expect(saved).toEqual({ lines: 3002, bytes: Buffer.byteLength(text) });
    await expect(logs.save({ container: name, path: file, timestamps: false })).rejects.toThrow(/exists/);
  });

  it('follows a running container and ends when it stops; a TTY container has one stream', async () => {
    const name = uniqueName('follow');
    names.push(name);
    await docker(['run', '-d', '-t', '--name', name, TEST_IMAGE, 'sh', '-c', 'for i in 1 2 3 4 5; do echo tick $i; sleep 0.2; done']);
    const { lines } = await readAll(name, true);
    expect(lines.map((l) => `${l.stream} ${l.text}`)).toEqual([1, 2, 3, 4, 5].map((i) => `tty tick ${i}`));
  });

  it('tails and stops a follower on request', async () => {
    const name = uniqueName('tail');
    names.push(name);
    await docker(['run', '-d', '--name', name, TEST_IMAGE, 'sh', '-c', 'seq 1 100; sleep 600']);
    await waitFor(async () => (await docker(['logs', name])).includes('100'), 10_000, 'output');
    const got: LogLine[] = [];
    let ended = false;
    let id = '';
    const off = logs.subscribe((e) => {
      if (e.id === id && 'lines' in e) got.push(...e.lines);
      if (e.id === id && 'ended' in e) ended = true;
    });
    id = (await logs.follow({ container: name, tail: 3, follow: true })).id;
    await waitFor(() => got.length === 3, 10_000, 'three lines');
    expect(got.map((l) => l.text)).toEqual(['98', '99', '100']);
    logs.stop(id);
    off();
    expect(ended).toBe(false);
  });

  it('runs detached with every field and inspects what the engine made', async () => {
    const name = uniqueName('detached');
    names.push(name);
    const host = fs.mkdtempSync(path.join(work, 'bind-'));
    const r = await runContainer(engine, new SessionManager(engine), {
      ...emptyRunSpec(TEST_IMAGE),
      interactive: false,
      autoRemove: false,
      name,
      command: ['sh', '-c', 'echo "$GREETING" > /data/out; sleep 600'],
      env: ['GREETING=hello world'],
      ports: [{ containerPort: 80, protocol: 'tcp' }],
      mounts: [{ source: host, target: '/data', readOnly: false }, { target: '/scratch', readOnly: false }],
      workdir: '/tmp',
      user: '0:0',
      restart: { name: 'on-failure', maximumRetryCount: 2 },
      network: 'none',
    });
    expect(r.session).toBeUndefined();
    await waitFor(() => fs.existsSync(path.join(host, 'out')), 10_000, 'the bind mount written');
    expect(fs.readFileSync(path.join(host, 'out'), 'utf8')).toBe('hello world\n');
    const d = await inspectContainer(engine, name);
    expect(d).toMatchObject({ name, running: true, workdir: '/tmp', user: '0:0', networkMode: 'none', restart: { name: 'on-failure', maximumRetryCount: 2 }, autoRemove: false, tty: false });
    expect(d.env).toContain('GREETING=hello world');
    expect(d.mounts).toEqual(expect.arrayContaining([expect.objectContaining({ type: 'bind', source: host, destination: '/data', readOnly: false })]));
    expect(d.mounts.some((m) => m.type === 'volume' && m.destination === '/scratch')).toBe(true);
    expect(d.ports).toEqual([{ containerPort: 80, protocol: 'tcp', bindings: expect.any(Array) }]);
    expect(JSON.parse(d.raw).Id).toBe(r.id);
  });

  it('refuses a name in use and an image that is not there, leaving nothing behind', async () => {
    const before = await docker(['ps', '-aq']);
    await expect(runContainer(engine, new SessionManager(engine), { ...emptyRunSpec('berth-test/not-here:1'), interactive: false })).rejects.toThrow(/Unable to find image 'berth-test\/not-here:1' locally: pull it first/);
    await expect(runContainer(engine, new SessionManager(engine), { ...emptyRunSpec(TEST_IMAGE), name: names[0], interactive: false })).rejects.toThrow(/already in use/);
    expect(await docker(['ps', '-aq'])).toBe(before);
  });

  it('samples stats of running containers with the CLI formulas', async () => {
    const name = uniqueName('busy');
    names.push(name);
    await docker(['run', '-d', '--name', name, '--memory', '64m', TEST_IMAGE, 'sh', '-c', 'while :; do :; done']);
    const stats = new StatsService(engine);
    let last: StatsEvent | undefined;
    const off = stats.subscribe((e) => (last = e));
    await waitFor(() => (last?.samples.find((s) => s.name === name)?.cpuPercent ?? 0) > 20, 15_000, 'a busy CPU reading');
    const s = last!.samples.find((x) => x.name === name)!;
    expect(s.memoryLimit).toBe(64 * 1024 * 1024);
    expect(s.memoryUsed).toBeGreaterThan(0);
    expect(s.memoryPercent).toBeCloseTo((s.memoryUsed / s.memoryLimit) * 100);
    expect(s.pids).toBeGreaterThanOrEqual(1);
    off();
    await docker(['rm', '-f', name]);
  });
});
