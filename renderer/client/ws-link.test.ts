// The WebSocket link's own behaviour on the wire, on a fake WebSocket class (the suite both links share,
// over the real transports, is links.test.ts): the token first, queueing until ready, signals in order
// with calls, unauthorized for good.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ClientMessage, Envelope } from '../../shared/api';
import { wsLink } from './ws-link';

const OK: Envelope = { ok: true, result: [] };

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

describe('WebSocket link on the wire', () => {
  beforeEach(() => vi.stubGlobal('WebSocket', FakeWebSocket));
  afterEach(() => vi.unstubAllGlobals());

  it('sends signals in order with the calls around them, on the one socket', () => {
    const id = '00000000-0000-4000-8000-000000000001';
    const link = wsLink('ws://berth.test/ws', 'the-token');
    const socket = FakeWebSocket.last!;
    socket.accept();
    socket.receive({ t: 'ready' });
    void link.invoke('containers.list', {});
    link.signal('sessions.keys', { id, data: 'x' });
    link.signal('sessions.ack', { id, rendered: 10 });
    void link.invoke('engine.info', {});
    expect(socket.sent.slice(1).map((m) => (m.t === 'call' ? `call ${m.method}` : m.t === 'signal' ? `signal ${m.name}` : m.t))).toEqual([
      'call containers.list',
      'signal sessions.keys',
      'signal sessions.ack',
      'call engine.info',
    ]);
  });

  it('refuses a call bigger than the server takes, sending nothing (the server would close the socket)', async () => {
    const link = wsLink('ws://berth.test/ws', 'the-token');
    const socket = FakeWebSocket.last!;
    socket.accept();
    socket.receive({ t: 'ready' });
    const yaml = '\u0001'.repeat(1 << 20); // 1 MiB of text, 6 MiB once JSON-escaped
    const r = await link.invoke('pods.play', { yaml });
    expect(r).toMatchObject({ ok: false, error: { name: 'ValidationError', message: expect.stringMatching(/^too large to send to the Berth server: 6\.0 MiB \(at most 4 MiB a call\)$/) } });
    expect(socket.sent).toEqual([{ t: 'auth', token: 'the-token' }]);
  });

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
