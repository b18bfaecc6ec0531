import { describe, expect, it } from 'vitest';
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
