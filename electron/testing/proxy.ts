/**
 * Test support: an HTTP proxy on a unix socket in front of the real engine (DOCKER_HOST), so a test can
 * make chosen requests fail or answer late while everything else reaches the real engine unchanged.
 * Streams (`/events`) are piped as they come.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { socketOf } from './engine';

/**
 * What to do with one request: forward it, drop its connection (the client sees ECONNRESET), hold it
 * `delayMs` first, or `hold` it unanswered until the proxy closes (an engine that stopped answering).
 */
export type ProxyDecision = 'pass' | 'drop' | 'hold' | { delayMs: number };

export interface EngineProxy {
  /** `unix://…` address of the proxy, for DOCKER_HOST / resolveEngineHost. */
  host: string;
  /** Requests seen, as `METHOD path`. */
  seen: string[];
  close(): Promise<void>;
}

/** Start a proxy to the engine at DOCKER_HOST; `decide` is asked for every request. */
export async function engineProxy(decide: (method: string, url: string) => ProxyDecision): Promise<EngineProxy> {
  const target = socketOf(process.env.DOCKER_HOST);
  if (!target) throw new Error('engineProxy needs a unix:// DOCKER_HOST');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-proxy-'));
  const socketPath = path.join(dir, 'engine.sock');
  const seen: string[] = [];
  const sockets = new Set<import('node:net').Socket>();
  const server = http.createServer((req, res) => {
    const method = req.method ?? 'GET';
    const url = req.url ?? '/';
    seen.push(`${method} ${url}`);
    const decision = decide(method, url);
    if (decision === 'drop') {
      req.socket.destroy();
      return;
    }
    const forward = () => {
      const upstream = http.request({ socketPath: target, method, path: url, headers: req.headers }, (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.flushHeaders();
        answer.pipe(res);
      });
      upstream.on('error', () => res.destroy());
      res.on('close', () => upstream.destroy());
      req.pipe(upstream);
    };
    if (decision === 'hold') return;
    if (decision === 'pass') forward();
    else setTimeout(forward, decision.delayMs).unref();
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  await new Promise<void>((resolve) => server.listen(socketPath, resolve));
  return {
    host: `unix://${socketPath}`,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => {
          fs.rmSync(dir, { recursive: true, force: true });
          resolve();
        });
      }),
  };
}
