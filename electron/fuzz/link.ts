/**
 * The fuzz suite's side of serve mode's WebSocket link: `ClientMessage` calls with the token in an
 * `Authorization: Bearer` header on the upgrade, each answered by a `result` with its id or by the socket
 * closing (the server closes on a message it cannot take, e.g. 1009 for one over its size limit). After a
 * close the next call opens a new socket.
 */
import WebSocket from 'ws';
import type { Envelope, ServerMessage } from '../../shared/api';

/** How one call ended: the server's envelope, or the close code of the socket it was sent on. */
export type Reply = { kind: 'result'; envelope: Envelope } | { kind: 'closed'; code: number };

export class FuzzLink {
  private ws: WebSocket | null = null;
  private nextId = 1;
  private readonly pending = new Map<number, (r: Reply) => void>();
  /** Messages that were neither a result for a pending call nor expected (no topic is subscribed). */
  readonly strays: unknown[] = [];

  constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  private open(): Promise<WebSocket> {
    if (this.ws && this.ws.readyState === WebSocket.OPEN) return Promise.resolve(this.ws);
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(this.url, { headers: { Authorization: `Bearer ${this.token}` } });
      // A Bearer client is authenticated at the upgrade; the server says so with `ready` before anything else.
      let ready = false;
      ws.once('unexpected-response', (_req, res) => reject(new Error(`WebSocket refused: HTTP ${res.statusCode}`)));
      ws.once('error', reject);
      ws.on('message', (data) => {
        let msg: ServerMessage | null = null;
        try {
          msg = JSON.parse(data.toString()) as ServerMessage;
        } catch {
          this.strays.push(data.toString().slice(0, 200));
          return;
        }
        if (msg.t === 'ready' && !ready) {
          ready = true;
          this.ws = ws;
          return resolve(ws);
        }
        const done = msg.t === 'result' ? this.pending.get(msg.id) : undefined;
        if (!done || msg.t !== 'result') return void this.strays.push(msg);
        this.pending.delete(msg.id);
        done({ kind: 'result', envelope: msg.envelope });
      });
      ws.on('close', (code) => {
        if (this.ws === ws) this.ws = null;
        for (const done of this.pending.values()) done({ kind: 'closed', code });
        this.pending.clear();
      });
    });
  }

  /** Send one call; resolves with its result or the close of its socket. */
  async call(method: string, args: unknown): Promise<Reply> {
    const ws = await this.open();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      ws.send(JSON.stringify({ t: 'call', id, method, args }));
    });
  }

  /**
   * Send one one-way signal, then a call of a method no contract has on the same socket: its answer says
   * the signal was taken (and answered nothing); a close says it was refused.
   */
  async signal(name: string, args: unknown): Promise<Reply> {
    const ws = await this.open();
    const id = this.nextId++;
    return new Promise((resolve) => {
      this.pending.set(id, resolve);
      ws.send(JSON.stringify({ t: 'signal', name, args }));
      ws.send(JSON.stringify({ t: 'call', id, method: 'fuzz.after-signal', args: {} }));
    });
  }

  close(): void {
    this.ws?.close();
  }
}
