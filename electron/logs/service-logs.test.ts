// Unit: the details moby puts before each service log line, and the order lines keep while a task is looked up.
import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/logs';
import { logReader } from './demux';
import { splitDetails, TaskPrefixer } from './service-logs';

const line = (text: string): LogLine => ({ stream: 'stdout', text, time: 1 });

describe('service log details', () => {
  it('splits the URL-escaped key=value pairs off the message (moby write_log_stream.go)', () => {
    expect(splitDetails('com.docker.swarm.node.id=n1,com.docker.swarm.task.id=t1,my%2Bkey=a%20b hello world')).toEqual({
      attrs: { 'com.docker.swarm.node.id': 'n1', 'com.docker.swarm.task.id': 't1', 'my+key': 'a b' },
      text: 'hello world',
    });
    expect(splitDetails('com.docker.swarm.task.id=t1')).toEqual({ attrs: { 'com.docker.swarm.task.id': 't1' }, text: '' });
    expect(splitDetails('plain text without details')).toBeNull();
    expect(splitDetails('=x y')).toBeNull();
  });

  it('keeps the lines in order while a task that appeared later is looked up', async () => {
    const out: LogLine[] = [];
    let release!: (p: string) => void;
    const p = new TaskPrefixer((task) => (task === 't2' ? new Promise<string>((r) => (release = r)) : Promise.reject(new Error('no'))), (l) => out.push(l));
    p.learn('t1', 'web.1@a');
    p.push(line('com.docker.swarm.task.id=t1 one'));
    p.push(line('com.docker.swarm.node.id=n2,com.docker.swarm.task.id=t2 two'));
    p.push(line('com.docker.swarm.task.id=t1 three'));
    expect(out.map((l) => l.text)).toEqual(['one']);
    release('web.2@b');
    await p.idle();
    expect(out.map((l) => `${l.source} ${l.text}`)).toEqual(['web.1@a one', 'web.2@b two', 'web.1@a three']);
    // A task that cannot be looked up is named by its IDs.
    p.push(line('com.docker.swarm.node.id=node3,com.docker.swarm.task.id=t3 four'));
    await p.idle();
    expect(out.at(-1)).toMatchObject({ source: 't3@node3', text: 'four' });
  });
});

describe('a long service log line', () => {
  /** One multiplexed stdout frame. */
  const frame = (payload: string) => {
    const body = Buffer.from(payload);
    const head = Buffer.alloc(8);
    head[0] = 1;
    head.writeUInt32BE(body.length, 4);
    return Buffer.concat([head, body]);
  };

  it('comes whole: the engine splits it into 16 KiB entries, each with its own time and details, and only the first keeps them', () => {
    const out: LogLine[] = [];
    const details = 'com.docker.swarm.node.id=n1,com.docker.swarm.service.id=s1,com.docker.swarm.task.id=t1';
    const reader = logReader(false, true, (l) => out.push(l), true);
    reader.write(frame(`2026-12-02T18:00:00.000000001Z ${details} ${'a'.repeat(16384)}`));
    reader.write(frame(`2026-12-02T18:00:00.000000002Z ${details} ${'b'.repeat(10)}\n`));
    reader.write(frame(`2026-12-02T18:00:01.000000000Z ${details} next\n`));
    reader.end();
    expect(out.map((l) => l.text)).toEqual([`${details} ${'a'.repeat(16384)}${'b'.repeat(10)}`, `${details} next`]);
  });
});
