import { describe, expect, it } from 'vitest';
import { lazyTerminalSink } from './lazy-sink';

type Registry = typeof import('./registry');

/** A registry stand-in that records calls, and a load whose end the test decides. */
function fakeLoad() {
  const calls: string[] = [];
  const registry = {
    deliver: (id: string, offset: number, data: string) => calls.push(`deliver ${id} ${offset} ${data}`),
    disposeTerminal: (id: string) => calls.push(`dispose ${id}`),
  } as unknown as Registry;
  let loads = 0;
  let settle: { ok(): void; fail(): void } | undefined;
  const load = () => {
    loads++;
    return new Promise<Registry>((resolve, reject) => (settle = { ok: () => resolve(registry), fail: () => reject(new Error('chunk')) }));
  };
  return { calls, load, loads: () => loads, settle: () => settle! };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

describe('lazyTerminalSink', () => {
  it('keeps the order of every call made while xterm.js loads, then calls straight through', async () => {
    const f = fakeLoad();
    const sink = lazyTerminalSink(f.load);
    sink.deliver('a', 0, 'one');
    sink.deliver('b', 0, 'x');
    sink.deliver('a', 3, 'two');
    sink.dispose('b');
    expect(f.calls).toEqual([]);
    expect(f.loads()).toBe(1);
    f.settle().ok();
    await tick();
    expect(f.calls).toEqual(['deliver a 0 one', 'deliver b 0 x', 'deliver a 3 two', 'dispose b']);
    sink.deliver('a', 6, 'three');
    expect(f.calls.at(-1)).toBe('deliver a 6 three');
    expect(f.loads()).toBe(1);
  });

  it('does not load xterm.js only to free a terminal that was never made', () => {
    const f = fakeLoad();
    lazyTerminalSink(f.load).dispose('a');
    expect(f.loads()).toBe(0);
  });

  it('retries a failed load at the next call and loses none of the output queued before', async () => {
    const f = fakeLoad();
    const sink = lazyTerminalSink(f.load);
    sink.deliver('a', 0, 'one');
    const err = console.error;
    console.error = () => undefined;
    f.settle().fail();
    await tick();
    console.error = err;
    expect(f.calls).toEqual([]);
    sink.deliver('a', 3, 'two');
    expect(f.loads()).toBe(2);
    f.settle().ok();
    await tick();
    expect(f.calls).toEqual(['deliver a 0 one', 'deliver a 3 two']);
  });
});
