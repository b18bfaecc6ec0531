import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { BacklogTail } from './tail';

describe('BacklogTail (--tail N kept by Berth for Podman)', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('keeps the last N lines of the burst, then passes live lines through', () => {
    const out: number[] = [];
    const tail = new BacklogTail<number>(3, (n) => out.push(n), 100);
    for (let i = 1; i <= 10; i++) tail.push(i);
    vi.advanceTimersByTime(99);
    expect(out).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(out).toEqual([8, 9, 10]);
    tail.push(11);
    expect(out).toEqual([8, 9, 10, 11]);
  });

  it('a line within the quiet time extends the backlog', () => {
    const out: number[] = [];
    const tail = new BacklogTail<number>(2, (n) => out.push(n), 100);
    tail.push(1);
    vi.advanceTimersByTime(80);
    tail.push(2);
    vi.advanceTimersByTime(80);
    tail.push(3);
    vi.advanceTimersByTime(100);
    expect(out).toEqual([2, 3]);
  });

  it('releases at the end of the stream, and --tail 0 keeps nothing of the backlog', () => {
    const out: number[] = [];
    const tail = new BacklogTail<number>(2, (n) => out.push(n), 100);
    for (let i = 0; i < 5000; i++) tail.push(i);
    tail.release();
    expect(out).toEqual([4998, 4999]);
    const none: number[] = [];
    const zero = new BacklogTail<number>(0, (n) => none.push(n), 100);
    zero.push(1);
    vi.advanceTimersByTime(100);
    zero.push(2);
    expect(none).toEqual([2]);
  });
});
