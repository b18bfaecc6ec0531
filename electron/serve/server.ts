/**
 * Serve mode: the built renderer over HTTP and the contract over a WebSocket (`/ws`), on loopback by
 * default, behind a token. Static files hold no secret and are served without it (Host allow-list still
 * enforced); the WebSocket needs it: `Authorization: Bearer` on the upgrade, or a first message
 * `{t:'auth', token}` within `authTimeoutMs` (else, or on any other first message, or a wrong token, the
 * socket is closed with UNAUTHORIZED_CLOSE, 4401). Once authenticated the server sends `{t:'ready'}`.
 * The WebSocket speaks the messages in shared/api.ts (`ClientMessage`, `ServerMessage`) and routes them
 * through the same router as Electron's IPC.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import sirv from 'sirv';
import { WebSocketServer, type WebSocket } from 'ws';
import { ClientMessage, SERVE_MESSAGE_MAX_BYTES, UNAUTHORIZED_CLOSE, type ServerMessage } from '../../shared/api';
import { CSP } from '../csp';
import type { Router } from '../router';
import { SocketOutlet } from '../flow/outlet';
import { callLimiter } from '../flow/call-limit';
import { subscriptions } from '../flow/subscriptions';
import { allowedHosts, bearerToken, hostAllowed, isWildcard, originAllowed, publicAddress, requestHost, requestUrl, tokensEqual } from './auth';


export interface ServeOptions {
  host: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
  /** Folder of the built renderer (index.html and assets). */
  rendererDir: string;
  router: Router;
  /** How long a WebSocket may stay unauthenticated, ms (default 5000). */
  authTimeoutMs?: number;
}

export interface RunningServer {
  /** `http://host:port/` */
  origin: string;
  /** The URL to open: `origin#token=TOKEN` (a fragment never reaches a server, nor a Referer). */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Largest WebSocket message accepted from a client, bytes (shared/api.ts). */
const MAX_MESSAGE_BYTES = SERVE_MESSAGE_MAX_BYTES;

/** Log a failure a handler caught (serve mode's log is its stderr). */
function logError(where: string, err: unknown): void {
  console.error(`berth serve: ${where}: ${err instanceof Error ? err.message : String(err)}`);
}

function refuse(res: http.ServerResponse, status: number, text: string): void {
  if (res.headersSent) return void res.destroy();
  res.writeHead(status, { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' });
  res.end(`${text}\n`);
}

/**
 * Caching of the renderer's files. Vite names every file under `assets/` by a hash of its content, so a
 * browser may keep them for good (`immutable`: not even a revalidation on reload, which for a page split
 * into dozens of chunks would be dozens of round trips). Everything else (index.html, which names the
 * current chunks) is revalidated on every load, so a new build is picked up at once.
 */
function cacheHeaders(res: http.ServerResponse, pathname: string): void {
  res.setHeader('Cache-Control', pathname.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
}

/**
 * Start serving. Resolves once listening.
 * @throws the listen error (e.g. EADDRINUSE).
 */
export async function startServer(opts: ServeOptions): Promise<RunningServer> {
  const assets = sirv(opts.rendererDir, { dev: false, etag: true, single: true, setHeaders: cacheHeaders });
  let hosts = new Set<string>();

  const server = http.createServer((req, res) => {
    try {
      serveHttp(req, res);
    } catch (err) {
      logError(`HTTP ${req.method} handler`, err);
      refuse(res, 500, 'Internal error');
    }
  });
  const serveHttp = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (!requestUrl(req)) return refuse(res, 400, 'Bad request: unparsable request target');
    if (!hostAllowed(requestHost(req), hosts)) return refuse(res, 403, 'Forbidden: unexpected Host header');
    res.setHeader('Content-Security-Policy', CSP);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
    assets(req, res, () => refuse(res, 404, 'Not found'));
  };

  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (err) => logError('WebSocket server', err));
  server.on('upgrade', (req, socket: Duplex, head) => {
    socket.on('error', (err) => logError('upgrade socket', err));
    try {
      upgrade(req, socket, head);
    } catch (err) {
      logError('upgrade handler', err);
      socket.destroy();
    }
  });
  const upgrade = (req: http.IncomingMessage, socket: Duplex, head: Buffer) => {
    const deny = (status: number, text: string) => {
      socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    };
    const url = requestUrl(req);
    if (!url) return deny(400, 'Bad Request');
    if (!hostAllowed(requestHost(req), hosts)) return deny(403, 'Forbidden');
    if (!originAllowed(req.headers.origin, hosts)) return deny(403, 'Forbidden');
    if (url.pathname !== '/ws') return deny(404, 'Not Found');
    const bearer = bearerToken(req, opts.token);
    if (bearer === 'invalid') return deny(401, 'Unauthorized');
    const gate = { token: opts.token, authenticated: bearer === 'valid', timeoutMs: opts.authTimeoutMs ?? 5000 };
    wss.handleUpgrade(req, socket, head, (ws) => attach(ws, opts.router, gate));
  };

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, opts.host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const hostPart = opts.host.includes(':') ? `[${opts.host}]` : opts.host;
  hosts = allowedHosts(hostPart, port);
  // On a wildcard address the URL names one of this machine's own addresses (0.0.0.0 opens nothing elsewhere).
  const shown = isWildcard(opts.host) ? (publicAddress() ?? hostPart) : hostPart;
  const origin = `http://${shown}:${port}/`;
  return {
    origin,
    url: `${origin}#token=${encodeURIComponent(opts.token)}`,
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

/** How one WebSocket authenticates: already (Bearer header), else by an `auth` message within `timeoutMs`. */
interface Gate {
  token: string;
  authenticated: boolean;
  timeoutMs: number;
}

/**
 * Serve one WebSocket client: authentication first (see Gate), then calls answered by id and topic events
 * pushed as they happen. A message that is not the contract's closes this socket only; a handler's
 * failure is logged and closes this socket only.
 */
function attach(ws: WebSocket, router: Router, gate: Gate): void {
  // Backpressure: streams hold or drop for this client alone while its socket is over the watermark.
  const outlet = new SocketOutlet(ws);
  // One client's flood of calls waits behind its own bound (electron/flow/call-limit.ts), not everyone's.
  const calls = callLimiter();
  const send = (m: ServerMessage) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(m), outlet.written);
  };
  /** `send`, for callbacks of services and promises: a failure is logged, never thrown into them. */
  const deliver = (m: ServerMessage) => {
    try {
      send(m);
    } catch (err) {
      logError(`sending ${m.t}`, err);
    }
  };
  // Kept as ipc.ts keeps an Electron page's (flow/subscriptions.ts): a subscribe always sends the current state first.
  const subs = subscriptions(
    (topic) => router.subscribe(topic, (payload) => deliver({ t: 'event', topic: topic as never, payload }), outlet),
    (err) => logError('unsubscribing', err),
  );
  let authenticated = gate.authenticated;
  const unauthorized = (why: string) => ws.close(UNAUTHORIZED_CLOSE, why);
  const timer = authenticated ? null : setTimeout(() => unauthorized('no authentication in time'), gate.timeoutMs);
  if (authenticated) deliver({ t: 'ready' });
  const handle = (msg: ClientMessage) => {
    if (!authenticated) {
      if (msg.t !== 'auth') return unauthorized('authenticate first');
      if (!tokensEqual(msg.token, gate.token)) return unauthorized('wrong token');
      authenticated = true;
      if (timer) clearTimeout(timer);
      return deliver({ t: 'ready' });
    }
    if (msg.t === 'auth') return;
    if (msg.t === 'signal') {
      // One-way: nothing to answer; one the contract refuses closes the socket, as a malformed message does.
      if (!router.signal(msg.name, msg.args)) ws.close(1007, 'malformed message');
    } else if (msg.t === 'call') {
      void calls
        .run(() => router.call(msg.method, msg.args))
        .then((envelope) => deliver({ t: 'result', id: msg.id, envelope }))
        .catch((err: unknown) => logError(`call ${msg.method}`, err));
    } else if (msg.t === 'sub') {
      try {
        subs.add(msg.topic);
      } catch {
        ws.close(1008, `no such topic: ${msg.topic}`);
      }
    } else {
      subs.remove(msg.topic);
    }
  };
  ws.on('message', (data, isBinary) => {
    if (isBinary) return authenticated ? ws.close(1003, 'text messages only') : unauthorized('authenticate first');
    let msg: ClientMessage;
    try {
      msg = ClientMessage.parse(JSON.parse(data.toString()));
    } catch {
      return authenticated ? ws.close(1007, 'malformed message') : unauthorized('authenticate first');
    }
    try {
      handle(msg);
    } catch (err) {
      logError(`WebSocket ${msg.t} handler`, err);
      ws.close(1011, 'internal error');
    }
  });
  // ws emits 'error' (then closes with 1009 or 1007) for a message over maxPayload or invalid UTF-8;
  // without a listener that error would end the process.
  ws.on('error', (err) => logError('WebSocket client', err));
  ws.on('close', () => {
    if (timer) clearTimeout(timer);
    subs.clear();
  });
}
