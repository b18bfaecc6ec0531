// Integration: a stack's whole logs saved as one file (stacks.saveLogs) against the private engine — two
// services labelled the way Compose v2 labels them (no Compose needed), one with a TTY, stdout and stderr,
// checked line for line against each container's own `docker logs -t` (the oracle) and in time order.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { LogsService } from '../logs/service';
import { TaskManager } from '../tasks/manager';
import { docker, engineMissing, TEST_IMAGE, uniqueName, waitFor } from '../testing/engine';
import { StacksService } from './service';

const missing = await engineMissing();

describe.skipIf(missing)('a stack\'s logs as one file', () => {
  const engine = new Engine();
  const stacks = new StacksService(engine, new TaskManager(), new LogsService(engine));
  const project = uniqueName('logs').toLowerCase().replace(/[^a-z0-9_-]/g, '');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-stack-logs-'));
  const labels = (service: string, n: number) => ['com.docker.compose.project', project, 'com.docker.compose.service', service, 'com.docker.compose.container-number', String(n), 'com.docker.compose.oneoff', 'False'];
  const run = async (service: string, n: number, script: string, tty = false) => {
    const l = labels(service, n);
    const flags: string[] = [];
    for (let i = 0; i < l.length; i += 2) flags.push('--label', `${l[i]}=${l[i + 1]}`);
    return docker(['create', ...(tty ? ['-t'] : []), '--network', 'none', '--name', `${project}-${service}-${n}`, ...flags, TEST_IMAGE, 'sh', '-c', script]);
  };

  beforeAll(async () => {
    // Each writes 300 lines 3 ms apart (about a second), both started by one `docker start`, so the two
    // interleave in time and the merge has to choose between them many times.
    await run('web', 1, 'i=0; while [ $i -lt 300 ]; do echo "web line $i"; [ $((i % 7)) = 0 ] && echo "web oops $i" >&2; i=$((i+1)); usleep 3000; done');
    await run('db', 1, 'i=0; while [ $i -lt 300 ]; do echo "db line $i"; i=$((i+1)); usleep 3000; done', true);
    await docker(['start', `${project}-web-1`, `${project}-db-1`]);
    await docker(['wait', `${project}-web-1`, `${project}-db-1`]);
    // The engine may still be writing a container's log file after it exited: wait for every line.
    const count = async (name: string) => (await docker(['logs', name])).split('\n').filter(Boolean).length;
    await waitFor(async () => (await count(`${project}-web-1`)) === 300 && (await count(`${project}-db-1`)) === 300, 30_000, 'both logs complete');
  }, 60_000);
  afterAll(async () => {
    await docker(['rm', '-f', `${project}-web-1`, `${project}-db-1`]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('holds every line of every container, prefixed service-N, stderr marked, in time order', async () => {
    const file = path.join(dir, 'stack.log');
    const r = await stacks.saveLogs(project, file, { timestamps: true });
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    expect(r.lines).toBe(lines.length);
    expect(r.bytes).toBe(fs.statSync(file).size);
    const parsed = lines.map((l) => /^(\S+) (\S+)\s+\| (.*)$/.exec(l)!);
    expect(parsed.every(Boolean)).toBe(true);
    // Time order across containers: where the file passes from one container to another, the second's line is
    // no earlier than the first's. Within one container the engine's own order is kept (the oracle below): its
    // stdout and stderr copiers stamp lines independently, so a stderr line may carry a time a few µs before the
    // stdout line the engine wrote ahead of it (seen once in CI), and `docker logs -t` shows them in that order too.
    const times = parsed.map((m) => Date.parse(m[1]!));
    const switches = parsed.map((m, i) => i > 0 && m[2] !== parsed[i - 1]![2]);
    expect(switches.filter(Boolean).length).toBeGreaterThan(10);
    expect(times.filter((t, i) => switches[i] && t < times[i - 1]!)).toEqual([]);
    for (const [source, name] of [['web-1', `${project}-web-1`], ['db-1', `${project}-db-1`]] as const) {
      // The oracle: the engine's own log of that container as the CLI prints its stdout, in order.
      const own = (await docker(['logs', name])).split('\n').map((l) => l.replace(/\r$/, '')).filter(Boolean);
      const ours = parsed.filter((m) => m[2] === source && !m[3]!.startsWith('[stderr] ')).map((m) => m[3]!);
      expect(ours).toEqual(own);
    }
    expect(parsed.filter((m) => m[3]!.startsWith('[stderr] web oops')).length).toBe(43);
  });

  it('refuses to overwrite unless asked, and names a stack that is not there', async () => {
    const file = path.join(dir, 'twice.log');
    await stacks.saveLogs(project, file, { timestamps: false });
    expect(fs.readFileSync(file, 'utf8').split('\n')[0]).toMatch(/^(db-1 |web-1) \| /);
    await expect(stacks.saveLogs(project, file, { timestamps: false })).rejects.toMatchObject({ name: 'Conflict' });
    await expect(stacks.saveLogs(project, file, { timestamps: false, overwrite: true })).resolves.toMatchObject({ lines: 643 });
    await expect(stacks.saveLogs('no-such-stack-here', path.join(dir, 'x.log'), { timestamps: false })).rejects.toMatchObject({ name: 'NotFound' });
  });
});
