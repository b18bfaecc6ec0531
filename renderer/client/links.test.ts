// Both links (Electron IPC, serve-mode WebSocket) against the same table of cases: timeouts, abort,
// listener sets per topic. The WebSocket link runs on a fake WebSocket class, the IPC link on a fake bridge.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BerthBridge, ClientMessage, Envelope, TopicName } from '../../shared/api';
import { DEFAULT_CALL_TIMEOUT_MS } from './call-guard';
import { ipcLink } from './ipc-link';
import type { Link } from './link';
import { wsLink } from './ws-link';

/** One link with its far side under the test's control. */
interface Harness {
  link: Link;
  /** The calls that reached the far side, in order. */
  calls(): { method: string; answer(e: Envelope): void }[];
  /** How many times the far side was subscribed to `topic`, minus unsubscriptions. */
  open(topic: TopicName): number;
  /** The far side publishes on a topic. */
  push(topic: TopicName, payload: unknown): void;
  /** Calls and one-way signals as the far side got them, in order: `call method` / `signal name args`. */
  order(): string[];
}

class FakeWebSocket {
  static OPEN = 1;
  static last: FakeWebSocket | null = null;
  readyState = 0;
  sent: ClientMessage[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((ev: { data: string }) => void) | null = null;
  onclose: ((ev: { code: number }) => void) | null = null;
  constructor(readonly url: string) {
    FakeWebSocket.last = this;
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }
  /** The server side. */
  accept() {
    this.readyState = 1;
    this.onopen?.();
  }
  receive(m: unknown) {
    this.onmessage?.({ data: JSON.stringify(m) });
  }
  drop(code: number) {
    this.readyState = 3;
    this.onclose?.({ code });
  }
}

function wsHarness(): Harness {
  const link = wsLink('ws://berth.test/ws', 'the-token');
  const socket = FakeWebSocket.last!;
  socket.accept();
  socket.receive({ t: 'ready' });
  const subs = () => socket.sent.filter((m) => m.t === 'sub' || m.t === 'unsub');
  return {
    link,
    calls: () =>
      socket.sent.flatMap((m) => (m.t === 'call' ? [{ method: m.method, answer: (envelope: Envelope) => socket.receive({ t: 'result', id: m.id, envelope }) }] : [])),
    open: (topic) => subs().reduce((n, m) => n + (m.topic === topic ? (m.t === 'sub' ? 1 : -1) : 0), 0),
    push: (topic, payload) => socket.receive({ t: 'event', topic, payload }),
    order: () => socket.sent.flatMap((m) => (m.t === 'call' ? [`call ${m.method}`] : m.t === 'signal' ? [`signal ${m.name} ${JSON.stringify(m.args)}`] : [])),
  };
}

function ipcHarness(): Harness {
  const calls: { method: string; answer(e: Envelope): void }[] = [];
  const order: string[] = [];
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const bridge: BerthBridge = {
    invoke: (method) => new Promise((resolve) => (order.push(`call ${method}`), calls.push({ method, answer: resolve }))),
    signal: (name, args) => void order.push(`signal ${name} ${JSON.stringify(args)}`),
    subscribe(topic, listener) {
      const set = listeners.get(topic) ?? new Set();
      listeners.set(topic, set.add(listener));
      return () => set.delete(listener);
    },
  };
  return {
    link: ipcLink(bridge),
    calls: () => calls,
    open: (topic) => listeners.get(topic)?.size ?? 0,
    push: (topic, payload) => listeners.get(topic)?.forEach((l) => l(payload)),
    order: () => order,
  };
}

const OK: Envelope = { ok: true, result: [] };

describe.each([
  ['WebSocket link', wsHarness],
  ['IPC link', ipcHarness],
])('%s', (_name, make) => {
  let h: Harness;
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('WebSocket', FakeWebSocket);
    h = make();
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('resolves a call with its answer', async () => {
    const p = h.link.invoke('containers.list', {});
    h.calls()[0].answer(OK);
    expect(await p).toEqual(OK);
  });

  it('times a call out after its method timeout and drops the late answer', async () => {
    let got: Envelope | undefined;
    void h.link.invoke('containers.list', {}).then((e) => (got = e));
    await vi.advanceTimersByTimeAsync(DEFAULT_CALL_TIMEOUT_MS - 1);
    expect(got).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(got).toMatchObject({ ok: false, error: { name: 'Timeout' } });
    h.calls()[0].answer(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(got).toMatchObject({ ok: false, error: { name: 'Timeout' } });
  });

  it('gives long work no timeout and honours a per-call override', async () => {
    let analysed: Envelope | undefined;
    void h.link.invoke('layers.analyze', { image: 'x' }).then((e) => (analysed = e));
    let quick: Envelope | undefined;
    void h.link.invoke('containers.list', {}, { timeoutMs: 50 }).then((e) => (quick = e));
    await vi.advanceTimersByTimeAsync(50);
    expect(quick).toMatchObject({ ok: false, error: { name: 'Timeout' } });
    await vi.advanceTimersByTimeAsync(3_600_000);
    expect(analysed).toBeUndefined();
    h.calls()[0].answer(OK);
    await vi.advanceTimersByTimeAsync(0);
    expect(analysed).toEqual(OK);
  });

  it('resolves Aborted when the caller aborts, drops the late answer, and sends nothing for an already aborted call', async () => {
    const ctl = new AbortController();
    const p = h.link.invoke('containers.list', {}, { signal: ctl.signal });
    ctl.abort();
    expect(await p).toMatchObject({ ok: false, error: { name: 'Aborted' } });
    h.calls()[0].answer(OK);
    expect(await p).toMatchObject({ ok: false, error: { name: 'Aborted' } });
    expect(await h.link.invoke('containers.list', {}, { signal: ctl.signal })).toMatchObject({ ok: false, error: { name: 'Aborted' } });
    expect(h.calls()).toHaveLength(1);
  });

  it('sends signals one-way, in order with the calls around them, with no timer and nothing to answer', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    void h.link.invoke('containers.list', {});
    const timers = vi.getTimerCount();
    h.link.signal('sessions.keys', { id, data: 'x' });
    h.link.signal('sessions.ack', { id, rendered: 10 });
    expect(vi.getTimerCount()).toBe(timers);
    void h.link.invoke('engine.info', {});
    expect(h.order()).toEqual(['call containers.list', `signal sessions.keys {"id":"${id}","data":"x"}`, `signal sessions.ack {"id":"${id}","rendered":10}`, 'call engine.info']);
  });

  it('keeps a set of listeners per topic, opening it upstream once and closing it after the last', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = h.link.subscribe('containers', (p) => a.push(p));
    const offB = h.link.subscribe('containers', (p) => b.push(p));
    expect(h.open('containers')).toBe(1);
    h.push('containers', 1);
    expect([a, b]).toEqual([[1], [1]]);
    offA();
    h.push('containers', 2);
    expect([a, b]).toEqual([[1], [1, 2]]);
    expect(h.open('containers')).toBe(1);
    offB();
    expect(h.open('containers')).toBe(0);
  });

  it('still delivers to the other listeners when one throws', () => {
    const got: unknown[] = [];
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    h.link.subscribe('images', () => {
      throw new Error('listener bug');
    });
    h.link.subscribe('images', (p) => got.push(p));
    h.push('images', 'x');
    expect(got).toEqual(['x']);
    quiet.mockRestore();
  });
});

describe('WebSocket link authentication', () => {
  beforeEach(() => vi.stubGlobal('WebSocket', FakeWebSocket));
  afterEach(() => vi.unstubAllGlobals());

  it('sends the token first and queues calls and subscriptions until ready', async () => {
    const link = wsLink('ws://berth.test/ws', 'the-token');
    const socket = FakeWebSocket.last!;
    link.subscribe('containers', () => {});
    const p = link.invoke('engine.info', {});
    socket.accept();
    expect(socket.sent).toEqual([{ t: 'auth', token: 'the-token' }]);
    socket.receive({ t: 'ready' });
    expect(socket.sent.slice(1)).toEqual([
      { t: 'sub', topic: 'containers' },
      { t: 'call', id: 1, method: 'engine.info', args: {} },
    ]);
    socket.receive({ t: 'result', id: 1, envelope: OK });
    expect(await p).toEqual(OK);
  });

  it('queues signals with the calls until ready, and drops them while the link is down', () => {
    vi.useFakeTimers();
    const id = '00000000-0000-4000-8000-000000000001';
    const link = wsLink('ws://berth.test/ws', 'the-token');
    const socket = FakeWebSocket.last!;
    void link.invoke('engine.info', {});
    link.signal('sessions.keys', { id, data: 'a' });
    socket.accept();
    socket.receive({ t: 'ready' });
    expect(socket.sent.slice(1)).toEqual([
      { t: 'call', id: 1, method: 'engine.info', args: {} },
      { t: 'signal', name: 'sessions.keys', args: { id, data: 'a' } },
    ]);
    socket.drop(1006);
    link.signal('sessions.keys', { id, data: 'b' });
    expect(socket.sent.filter((m) => m.t === 'signal')).toHaveLength(1);
    vi.useRealTimers();
  });

  it('becomes unauthorized for good on close 4401, and without a token never connects', async () => {
    vi.useFakeTimers();
    const states: string[] = [];
    const link = wsLink('ws://berth.test/ws', 'wrong');
    const socket = FakeWebSocket.last!;
    link.onState((s) => states.push(s));
    socket.accept();
    socket.drop(4401);
    expect(states).toEqual(['closed', 'unauthorized']);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeWebSocket.last).toBe(socket);
    vi.useRealTimers();
    expect(await link.invoke('engine.info', {})).toMatchObject({ ok: false, error: { name: 'Unauthorized' } });

    FakeWebSocket.last = null;
    const none = wsLink('ws://berth.test/ws', '');
    expect(FakeWebSocket.last).toBeNull();
    none.onState((s) => states.push(s));
    expect(states.at(-1)).toBe('unauthorized');
  });
});
