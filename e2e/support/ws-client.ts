/**
 * A bare serve-mode WebSocket client for tests and benches that need no browser: calls by id, topic events
 * to listeners, and a way to stall it (the socket stops being read, as a hidden tab or a slow link would:
 * the kernel buffers fill and the server's queue for it grows). Speaks shared/api.ts's ClientMessage and
 * ServerMessage.
 */
import WebSocket from 'ws';
import type { Envelope } from '../../shared/api';

export interface WsClient {
  ws: WebSocket;
  /** Call a method; resolves with its envelope. */
  call(method: string, args: unknown): Promise<Envelope>;
  /** Send a one-way signal (shared/api.ts `signals`): nothing comes back. */
  signal(name: string, args: unknown): void;
  /** Subscribe to a topic; `listener` hears every payload. */
  subscribe(topic: string, listener: (payload: unknown) => void): void;
  /** Stop reading the socket (nothing is received until `resume`). */
  stall(): void;
  resume(): void;
  /** Bytes received so far (WebSocket payloads). */
  readonly received: number;
  close(): void;
}

/**
 * Connect to serve mode at `origin` (`http://127.0.0.1:P`) with its token, as the page does: the token is
 * the first message, and the server's `ready` comes before anything else.
 * @throws when the handshake fails or the server closes instead of answering `ready`.
 */
export async function connect(origin: string, token: string): Promise<WsClient> {
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/ws`, { headers: { Origin: origin } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => ws.send(JSON.stringify({ t: 'auth', token })));
    ws.once('message', (data: Buffer) => ((JSON.parse(data.toString()) as { t?: string }).t === 'ready' ? resolve() : reject(new Error(`expected ready, got ${data.toString().slice(0, 100)}`))));
    ws.once('close', (code) => reject(new Error(`WebSocket closed with ${code} before ready`)));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
  });
  let next = 1;
  let received = 0;
  const pending = new Map<number, (e: Envelope) => void>();
  const listeners = new Map<string, (payload: unknown) => void>();
  ws.on('message', (data: Buffer) => {
    received += data.length;
    const m = JSON.parse(data.toString()) as { t: 'result'; id: number; envelope: Envelope } | { t: 'event'; topic: string; payload: unknown };
    if (m.t === 'result') {
      pending.get(m.id)?.(m.envelope);
      pending.delete(m.id);
    } else listeners.get(m.topic)?.(m.payload);
  });
  return {
    ws,
    call: (method, args) =>
      new Promise((resolve) => {
        const id = next++;
        pending.set(id, resolve);
        ws.send(JSON.stringify({ t: 'call', id, method, args }));
      }),
    signal: (name, args) => ws.send(JSON.stringify({ t: 'signal', name, args })),
    subscribe(topic, listener) {
      listeners.set(topic, listener);
      ws.send(JSON.stringify({ t: 'sub', topic }));
    },
    // ws's own pause: the socket is not read, and ws does not resume it behind our back.
    stall: () => ws.pause(),
    resume: () => ws.resume(),
    get received() {
      return received;
    },
    close: () => ws.terminate(),
  };
}

/** Resident memory of process `pid` now, bytes (/proc/PID/status VmRSS). */
export async function rssOf(pid: number): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  const m = /VmRSS:\s+(\d+) kB/.exec(await readFile(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) * 1024 : 0;
}
