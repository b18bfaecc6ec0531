// Unit: the per-subscriber rules behind an outlet, with a fake socket whose backlog the test sets: a full
// subscriber is sent nothing (so its queue stays under OUTLET_HIGH + one message), terminal output is caught
// up from the replay once it drains (exactly, or with the jump in offsets), log lines are dropped and counted.
import { describe, expect, it } from 'vitest';
import type { LogEvent } from '../../shared/logs';
import type { SessionEvent } from '../../shared/sessions';
import { LogSubscriber } from '../logs/fanout';
import { SessionSubscriber } from '../sessions/fanout';
import { OUTLET_HIGH, OUTLET_LOW, SocketOutlet } from './outlet';

/** A socket whose queue grows by what is sent to it and shrinks when the test says it drained. */
function fakeLink() {
  const socket = { bufferedAmount: 0 };
  const outlet = new SocketOutlet(socket);
  let peak = 0;
  return {
    outlet,
    /** Queue a message of `bytes` (what ws.send does before the OS takes it). */
    queue(bytes: number) {
      socket.bufferedAmount += bytes;
      peak = Math.max(peak, socket.bufferedAmount);
    },
    /** The OS took everything (the client read again): ws calls back each send's callback. */
    drain() {
      socket.bufferedAmount = 0;
      outlet.written();
    },
    get peak() {
      return peak;
    },
  };
}

const ID = '00000000-0000-4000-8000-000000000001';

describe('SessionSubscriber', () => {
  function setup(replay: { offset: number; data: string }[]) {
    const link = fakeLink();
    const got: SessionEvent[] = [];
    const sub = new SessionSubscriber(
      (e) => {
        got.push(e);
        if ('output' in e) link.queue(e.output.data.length);
      },
      link.outlet,
      (id) => (id === ID ? replay : undefined),
      () => [ID],
    );
    return { link, got, sub };
  }

  it('sends nothing to a full subscriber, then catches up exactly from the replay', () => {
    const chunks = Array.from({ length: 20 }, (_, i) => ({ offset: i * 30_000, data: String(i % 10).repeat(30_000) }));
    const { link, got, sub } = setup(chunks);
    for (const c of chunks) sub.send({ output: { id: ID, ...c } });
    // Never more than OUTLET_HIGH plus one message queued.
    expect(link.peak).toBeLessThanOrEqual(OUTLET_HIGH + 30_000);
    expect(sub.held).toBeGreaterThan(0);
    const before = got.length;
    link.drain();
    expect(got.length).toBeGreaterThan(before);
    // The catch-up stops as soon as the link is full again: each drain sends the next part.
    const outputs = () => got.flatMap((e) => ('output' in e ? [e.output] : []));
    const end = () => outputs().reduce((m, o) => Math.max(m, o.offset + o.data.length), 0);
    for (let drains = 0; drains < 50 && end() < 600_000; drains++) link.drain();
    expect(link.peak).toBeLessThanOrEqual(OUTLET_HIGH + 30_000);
    let at = 0;
    for (const o of outputs()) {
      expect(o.offset).toBe(at); // contiguous: nothing lost, nothing twice
      at += o.data.length;
    }
    expect(at).toBe(600_000);
  });

  it('tells a subscriber that fell behind by more than the replay where the output resumes (the offset jumps)', () => {
    const replay = [{ offset: 900_000, data: 'z'.repeat(1000) }];
    const { link, got, sub } = setup(replay);
    sub.send({ output: { id: ID, offset: 0, data: 'a'.repeat(OUTLET_HIGH + 1) } });
    sub.send({ output: { id: ID, offset: OUTLET_HIGH + 1, data: 'b'.repeat(10) } });
    expect(got).toHaveLength(1);
    link.drain();
    expect(got.at(-1)).toEqual({ output: { id: ID, offset: 900_000, data: 'z'.repeat(1000) } });
  });

  it('always passes session state and removal, which are small', () => {
    const { link, got, sub } = setup([]);
    link.queue(OUTLET_HIGH + 1);
    sub.send({ removed: ID });
    expect(got).toEqual([{ removed: ID }]);
  });
});

describe('LogSubscriber', () => {
  it('drops batches for a full subscriber, counts their lines, and tells it before the end', () => {
    const link = fakeLink();
    const got: LogEvent[] = [];
    const sub = new LogSubscriber((e) => {
      got.push(e);
      if ('lines' in e) link.queue(e.lines.length * 100);
    }, link.outlet);
    const batch = (n: number, skipped = 0): LogEvent => ({ id: ID, lines: Array.from({ length: n }, () => ({ stream: 'stdout', text: 'x'.repeat(99), time: null })), skipped });
    sub.send(batch(1001)); // 100 100 bytes queued: over the high watermark
    sub.send(batch(500, 7));
    sub.send(batch(300));
    sub.send({ id: ID, ended: true });
    expect(got).toHaveLength(1);
    expect(link.peak).toBeLessThanOrEqual(OUTLET_HIGH + 1001 * 100);
    link.drain();
    expect(got.slice(1)).toEqual([{ id: ID, lines: [], skipped: 807 }, { id: ID, ended: true }]);
    expect(sub.dropped).toBe(800);
  });

  it('waits for the backlog to fall below the low watermark, not just below the high one', () => {
    const socket = { bufferedAmount: OUTLET_HIGH + 1 };
    const outlet = new SocketOutlet(socket);
    let woken = 0;
    outlet.whenDrained(() => woken++);
    socket.bufferedAmount = OUTLET_LOW;
    outlet.written();
    expect(woken).toBe(0);
    socket.bufferedAmount = OUTLET_LOW - 1;
    outlet.written();
    outlet.written();
    expect(woken).toBe(1);
  });
});
