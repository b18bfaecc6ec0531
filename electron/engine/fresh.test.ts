import { describe, expect, it } from 'vitest';
import { fresh } from './fresh';

/** A read whose answers are settled by hand: call i of `read` is settled by `pending[i]`. */
function manual() {
  const pending: { resolve: (v: number) => void; reject: (e: Error) => void }[] = [];
  let running = 0;
  let maxRunning = 0;
  const read = () =>
    new Promise<number>((resolve, reject) => {
      running++;
      maxRunning = Math.max(maxRunning, running);
      pending.push({ resolve: (v) => (running--, resolve(v)), reject: (e) => (running--, reject(e)) });
    });
  return { read, pending, get maxRunning() { return maxRunning; } };
}

describe('fresh', () => {
  it('runs one read at a time; callers during a read share the next one, never the older answer', async () => {
    const m = manual();
    const df = fresh(m.read);
    const a = df();
    const b = df();
    const c = df();
    expect(m.pending).toHaveLength(1);
    m.pending[0]!.resolve(1);
    expect(await a).toBe(1);
    await Promise.resolve();
    expect(m.pending).toHaveLength(2);
    m.pending[1]!.resolve(2);
    expect(await b).toBe(2);
    expect(await c).toBe(2);
    expect(m.maxRunning).toBe(1);
  });

  it('a failed read fails its callers only; the queued callers get a read of their own', async () => {
    const m = manual();
    const df = fresh(m.read);
    const a = df();
    const b = df();
    m.pending[0]!.reject(new Error('engine down'));
    await expect(a).rejects.toThrow('engine down');
    await Promise.resolve();
    await Promise.resolve();
    m.pending[1]!.resolve(7);
    expect(await b).toBe(7);
    const d = df();
    expect(m.pending).toHaveLength(3);
    m.pending[2]!.resolve(8);
    expect(await d).toBe(8);
  });
});
