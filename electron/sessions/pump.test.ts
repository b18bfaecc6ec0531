import { afterEach, describe, expect, it, vi } from 'vitest';
import { OutputPump } from './pump';

function harness(options = {}) {
  const batches: { offset: number; data: string }[] = [];
  const calls: string[] = [];
  const pump = new OutputPump({ emit: (offset, data) => batches.push({ offset, data }), pause: () => calls.push('pause'), resume: () => calls.push('resume') }, options);
  return { pump, batches, calls };
}

afterEach(() => vi.useRealTimers());

describe('OutputPump', () => {
  it('decodes UTF-8 split across chunks', () => {
    const { pump, batches } = harness();
    const bytes = Buffer.from('héllo → 世界 🐳', 'utf8');
    for (let i = 0; i < bytes.length; i++) pump.write(bytes.subarray(i, i + 1));
    pump.end();
    expect(batches.map((b) => b.data).join('')).toBe('héllo → 世界 🐳');
  });

  it('batches within the flush interval and stamps offsets', () => {
    vi.useFakeTimers();
    const { pump, batches } = harness({ flushIntervalMs: 16 });
    pump.write('abc');
    pump.write('de');
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(16);
    pump.write('fg');
    vi.advanceTimersByTime(16);
    expect(batches).toEqual([{ offset: 0, data: 'abcde' }, { offset: 5, data: 'fg' }]);
  });

  it('sends the first output after a quiet spell on the next turn of the event loop (a keystroke echo)', async () => {
    // low 0: only the quiet spell counts here (the renderer running dry is the next test).
    const { pump, batches } = harness({ flushIntervalMs: 1000, low: 0 });
    pump.write('x');
    await new Promise((r) => setImmediate(r));
    expect(batches).toEqual([{ offset: 0, data: 'x' }]);
    pump.write('y');
    await new Promise((r) => setImmediate(r));
    expect(batches.length).toBe(1);
    pump.dispose();
  });

  it('sends on the next turn once the renderer has acknowledged down to the low watermark, not a batch window later', async () => {
    const { pump, batches } = harness({ flushIntervalMs: 60_000, flushUnits: 1e9, high: 100, low: 40 });
    pump.write('a'.repeat(30));
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(1);
    // Busy renderer (30 sent, none rendered, below `low`): still hungry, sent on the next turn.
    pump.write('b'.repeat(30));
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(2);
    // 60 in flight: it has enough to do, the batch waits for the window...
    pump.write('c'.repeat(10));
    await new Promise((r) => setImmediate(r));
    expect(batches).toHaveLength(2);
    // ...until it has rendered down to below `low`.
    pump.ack(30);
    await new Promise((r) => setImmediate(r));
    expect(batches.map((b) => b.data[0])).toEqual(['a', 'b', 'c']);
    pump.dispose();
  });

  it('flushes at once when a batch is full', () => {
    const { pump, batches } = harness({ flushUnits: 4, high: 1e9 });
    pump.write('abcdef');
    expect(batches).toEqual([{ offset: 0, data: 'abcdef' }]);
  });

  it('pauses above the high watermark and resumes below the low one', () => {
    const { pump, calls } = harness({ flushUnits: 10, high: 100, low: 10 });
    pump.write('x'.repeat(60));
    expect(calls).toEqual([]);
    pump.write('x'.repeat(60));
    expect(calls).toEqual(['pause']);
    expect(pump.unacknowledged).toBe(120);
    pump.ack(50);
    expect(calls).toEqual(['pause']);
    pump.ack(115);
    expect(calls).toEqual(['pause', 'resume']);
    pump.ack(1e9);
    expect(pump.unacknowledged).toBe(0);
    pump.ack(3);
    expect(pump.unacknowledged).toBe(0);
  });

  it('keeps a bounded replay of the most recent output', () => {
    const { pump } = harness({ flushUnits: 1, high: 1e9, replayLimit: 10 });
    for (const s of ['aaaa', 'bbbb', 'cccc', 'dddddddddddddd']) pump.write(s);
    const recent = pump.recent();
    expect(recent).toEqual([{ offset: 16, data: 'dddddddddd' }]);
    pump.write('ee');
    expect(pump.recent().map((r) => r.data).join('')).toBe('ddddddddddee');
  });
});
