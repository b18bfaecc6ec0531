import { describe, expect, it } from 'vitest';
import { callLimiter } from './call-limit';

/** A call that resolves when `release` is called, counting how many run at once. */
function gated(state: { running: number; peak: number }) {
  let release!: () => void;
  const done = new Promise<void>((r) => (release = r));
  const call = async () => {
    state.running++;
    state.peak = Math.max(state.peak, state.running);
    await done;
    state.running--;
    return { ok: true as const, result: null };
  };
  return { call, release: () => release() };
}

describe('callLimiter', () => {
  it('runs at most inFlight calls at once, queues up to waiting more in order, and answers Busy beyond', async () => {
    const state = { running: 0, peak: 0 };
    const limiter = callLimiter(2, 3);
    const gates = Array.from({ length: 6 }, () => gated(state));
    const answers = gates.map((g) => limiter.run(g.call));
    await Promise.resolve();
    expect(limiter.load).toEqual({ running: 2, waiting: 3 });
    // The sixth found 3 waiting: refused without running.
    expect(await answers[5]).toMatchObject({ ok: false, error: { name: 'Busy' } });
    for (const g of gates) g.release();
    const results = await Promise.all(answers.slice(0, 5));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(state.peak).toBe(2);
    expect(limiter.load).toEqual({ running: 0, waiting: 0 });
  });
});
