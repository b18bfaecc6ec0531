/**
 * Serve mode: the built renderer over HTTP and the contract over a WebSocket (`/ws`), on loopback by
 * default, behind a token. The WebSocket speaks the messages in shared/api.ts (`ClientMessage`,
 * `ServerMessage`) and routes them through the same router as Electron's IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessage, type ServerMessage } from '../../shared/api';
import { CSP } from '../csp';
import type { Router } from '../router';
import { SocketOutlet } from '../flow/outlet';
import { allowedHosts, originAllowed, requestToken, TOKEN_COOKIE } from './auth';


export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  router: Router;
}

export interface RunningServer {
  /** `http://host:port/` */
  origin: string;
  /** The URL to open, token included. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Largest WebSocket message accepted from a client, bytes. */
const MAX_MESSAGE_BYTES = 1 << 20;

function refuse(res: http.ServerResponse, status: number, text: string): void {
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

/**
 * Start serving. Resolves once listening.
 * @throws the listen error (e.g. EADDRINUSE).
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const assets = sirv(opts.rendererDir, { dev: false, etag: true, single: true });
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    if (!hosts.has(req.headers.host ?? '')) return refuse(res, 403, 'Forbidden: unexpected Host header');
    const via = requestToken(req, opts.token);
    if (!via) return refuse(res, 401, 'Unauthorized: open the URL with ?token=… that `npm run serve` printed');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    if (via === 'query') {
      res.setHeader('Set-Cookie', `${TOKEN_COOKIE}=${opts.token}; HttpOnly; SameSite=Strict; Path=/`);
    }
    assets(req, res, () => refuse(res, 404, 'Not found'));
  });

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  server.on('upgrade', (req, socket, head) => {
    const deny = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (!hosts.has(req.headers.host ?? '')) return deny(403, 'Forbidden');
    if (!requestToken(req, opts.token)) return deny(401, 'Unauthorized');
    if (!originAllowed(req.headers.origin, hosts)) return deny(403, 'Forbidden');
    if (path !== '/ws') return deny(404, 'Not Found');
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, opts.router));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  hosts = allowedHosts(hostPart, port);
  const origin = `http://${hostPart}:${port}/`;
  return {
    origin,
    url: `${origin}?token=${encodeURIComponent(opts.token)}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        for (const c of wss.clients) c.terminate();
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** Serve one WebSocket client: calls answered by id, topic events pushed as they happen. */
function attach(ws: WebSocket, router: Router): void {
  const subscriptions = new Map<string, () => void>();
  // Backpressure: streams hold or drop for this client alone while its socket is over the watermark.
  const outlet = new SocketOutlet(ws);
  const send = (m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m), outlet.written);
  };
  ws.on('message', (data, isBinary) => {
    if (isBinary) return ws.close(1003, 'text messages only');
    let msg: ClientMessage;
    try {
      msg = ClientMessage.parse(JSON.parse(data.toString()));
    } catch {
      return ws.close(1007, 'malformed message');
    }
    if (msg.t === 'call') {
      void router.call(msg.method, msg.args).then((envelope) => send({ t: 'result', id: msg.id, envelope }));
    } else if (msg.t === 'sub') {
      if (subscriptions.has(msg.topic)) return;
      try {
        const topic = msg.topic;
        subscriptions.set(topic, router.subscribe(topic, (payload) => send({ t: 'event', topic: topic as never, payload }), outlet));
      } catch {
        ws.close(1008, `no such topic: ${msg.topic}`);
      }
    } else {
      subscriptions.get(msg.topic)?.();
      subscriptions.delete(msg.topic);
    }
  });
  ws.on('close', () => {
    for (const off of subscriptions.values()) off();
    subscriptions.clear();
  });
}
