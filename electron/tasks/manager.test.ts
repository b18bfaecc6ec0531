import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { TaskEvent } from '../../shared/tasks';
import { TaskManager } from './manager';

describe('TaskManager', () => {
  it('reads a progress stream to success, sending log lines once and in order', async () => {
    const m = new TaskManager();
    const events: TaskEvent[] = [];
    m.subscribe((e) => events.push(e));
    const stream = new PassThrough();
    const task = m.start('pull', 'Pull x', async (ctx) => {
      await ctx.follow(stream);
      return 'x:latest';
    });
    stream.write('{"status":"Pulling fs layer","id":"0123456789ab"}\n{"status":"Downloading","id":"0123456789ab","progressDetail":{"current":5,"total":10}}\n');
    stream.end('{"status":"Pull complete","id":"0123456789ab"}\n{"status":"Status: Downloaded newer image for x:latest"}\n');
    const done = await m.settled(task.id);
    expect(done).toMatchObject({ state: 'succeeded', result: 'x:latest', progress: { current: 10, total: 10 }, logLines: 4 });
    const lines = events.flatMap((e) => ('task' in e ? e.log : []));
    expect(lines).toEqual(['0123456789ab: Pulling fs layer', '0123456789ab: Downloading', '0123456789ab: Pull complete', 'Status: Downloaded newer image for x:latest']);
  });

  it('fails on an error line even though the stream ends normally', async () => {
    const m = new TaskManager();
    const stream = new PassThrough();
    const task = m.start('push', 'Push x', (ctx) => ctx.follow(stream));
    stream.end('{"status":"Preparing","id":"0123456789ab"}\n{"errorDetail":{"message":"denied"},"error":"denied"}\n');
    expect(await m.settled(task.id)).toMatchObject({ state: 'failed', error: 'denied' });
  });

  it('cancels: the stream is closed and the task ends cancelled; only ended tasks can be dismissed', async () => {
    const m = new TaskManager();
    const stream = new PassThrough();
    const task = m.start('pull', 'Pull slow', (ctx) => ctx.follow(stream));
    stream.write('{"status":"Waiting","id":"0123456789ab"}\n');
    expect(() => m.dismiss(task.id)).toThrow(/still running/);
    m.cancel(task.id);
    expect(await m.settled(task.id)).toMatchObject({ state: 'cancelled' });
    expect(stream.destroyed).toBe(true);
    const removed: TaskEvent[] = [];
    m.subscribe((e) => removed.push(e));
    m.dismiss(task.id);
    expect(removed.at(-1)).toEqual({ removed: task.id });
    expect(() => m.get(task.id)).toThrow(/no such task/);
  });

  it('gives a late subscriber every kept task with its log', async () => {
    const m = new TaskManager();
    const task = m.start('save', 'Save x', async (ctx) => {
      ctx.log('Saved 3 bytes');
      ctx.setProgress(3, 3);
    });
    await m.settled(task.id);
    const seen: TaskEvent[] = [];
    m.subscribe((e) => seen.push(e));
    expect(seen).toEqual([{ task: expect.objectContaining({ id: task.id, state: 'succeeded' }), log: ['Saved 3 bytes'], logFrom: 0 }]);
  });
});
