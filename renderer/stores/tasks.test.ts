import { describe, expect, it } from 'vitest';
import type { Task } from '../../shared/tasks';
import { mergeLog } from './tasks';

describe('mergeLog', () => {
  it('starts from a snapshot', () => {
    expect(mergeLog(undefined, ['c', 'd'], 2)).toEqual({ log: ['c', 'd'], logStart: 2 });
  });
  it('appends lines that follow', () => {
    expect(mergeLog({ log: ['a', 'b'], logStart: 0 }, ['c'], 2)).toEqual({ log: ['a', 'b', 'c'], logStart: 0 });
  });
  it('skips lines already held when a snapshot and an update overlap', () => {
    expect(mergeLog({ log: ['a', 'b', 'c'], logStart: 0 }, ['b', 'c', 'd'], 1)).toEqual({ log: ['a', 'b', 'c', 'd'], logStart: 0 });
  });
  it('replaces the log after a gap', () => {
    expect(mergeLog({ log: ['a'], logStart: 0 }, ['x'], 5)).toEqual({ log: ['x'], logStart: 5 });
  });
});

describe('useTasks', () => {
  it('takes the new state of a task even when no log line came with it', async () => {
    const { useTasks } = await import('./tasks');
    const task: Task = { id: 't1', kind: 'load', title: 'Load x', state: 'running', startedAt: 1, layers: [], progress: { current: 0, total: 0 }, rate: 0, logLines: 1 };
    useTasks.getState().apply({ task, log: ['Loaded image: x'], logFrom: 0 });
    useTasks.getState().apply({ task: { ...task, state: 'succeeded', endedAt: 2 }, log: [], logFrom: 1 });
    expect(useTasks.getState().tasks.t1.task.state).toBe('succeeded');
    expect(useTasks.getState().tasks.t1.log).toEqual(['Loaded image: x']);
  });
});
