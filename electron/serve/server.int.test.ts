// Integration: serve mode's HTTP and WebSocket gatekeeping, with the real router on the private engine.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { ServerMessage } from '../../shared/api';
import { createRouter } from '../router';
import { createServices } from '../services';
import { engineMissing } from '../testing/engine';
import { startServer, type RunningServer } from './server';

const missing = await engineMissing();
const TOKEN = 'test-token-0123456789';

/** Open a WebSocket and report how the handshake ended: 'open' or the HTTP status. */
function handshake(url: string, headers: Record<string, string> = {}): Promise<{ outcome: 'open' | number; ws: WebSocket }> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    ws.on('open', () => resolve({ outcome: 'open', ws }));
    ws.on('unexpected-response', (_req, res) => resolve({ outcome: res.statusCode ?? 0, ws }));
    ws.on('error', () => {});
  });
}

describe.skipIf(missing)('serve mode gatekeeping', () => {
  const services = createServices();
  let server: RunningServer;
  let base: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    server = await startServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: dir, router: createRouter(services) });
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    await services.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('prints a loopback URL carrying the token', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/?token=${TOKEN}`);
  });

  it('refuses every HTTP request without the right token (401)', async () => {
    for (const url of [`${base}/`, `${base}/assets/app.js`, `${base}/?token=wrong`, `${base}/index.html?token=`]) {
      expect((await fetch(url)).status, url).toBe(401);
    }
  });

  it('serves with the token, sets an HttpOnly cookie and a strict CSP, then accepts the cookie', async () => {
    const res = await fetch(`${base}/?token=${TOKEN}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/berth_token=.*HttpOnly.*SameSite=Strict/);
    const asset = await fetch(`${base}/assets/app.js`, { headers: { cookie: cookie.split(';')[0] } });
    expect(asset.status).toBe(200);
  });

  it('refuses a forged Host header (DNS rebinding)', async () => {
    const res = await new Promise<number>((resolve) => {
      import('node:http').then(({ default: http }) =>
        http.get({ host: '127.0.0.1', port: server.port, path: `/?token=${TOKEN}`, headers: { host: `evil.test:${server.port}` } }, (r) => {
          r.resume();
          resolve(r.statusCode ?? 0);
        }),
      );
    });
    expect(res).toBe(403);
  });

  it('refuses WebSockets without the token (401) or from another origin (403)', async () => {
    const ws = `ws://127.0.0.1:${server.port}/ws`;
    const none = await handshake(ws);
    expect(none.outcome).toBe(401);
    const wrong = await handshake(`${ws}?token=nope`);
    expect(wrong.outcome).toBe(401);
    const cross = await handshake(`${ws}?token=${TOKEN}`, { origin: 'http://evil.test' });
    expect(cross.outcome).toBe(403);
  });

  it('answers contract calls and pushes topic snapshots over an authorised WebSocket', async () => {
    const { outcome, ws } = await handshake(`ws://127.0.0.1:${server.port}/ws?token=${TOKEN}`, { origin: base });
    expect(outcome).toBe('open');
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
    ws.send(JSON.stringify({ t: 'call', id: 1, method: 'containers.list', args: {} }));
    ws.send(JSON.stringify({ t: 'call', id: 2, method: 'containers.stop', args: { id: '' } }));
    ws.send(JSON.stringify({ t: 'sub', topic: 'containers' }));
    const until = Date.now() + 5000;
    while (messages.length < 3 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    const r1 = messages.find((m) => m.t === 'result' && m.id === 1);
    expect(r1?.t === 'result' && r1.envelope.ok && Array.isArray(r1.envelope.result)).toBe(true);
    const r2 = messages.find((m) => m.t === 'result' && m.id === 2);
    expect(r2?.t === 'result' && !r2.envelope.ok && r2.envelope.error.name).toBe('ValidationError');
    const ev = messages.find((m) => m.t === 'event');
    expect(ev).toMatchObject({ t: 'event', topic: 'containers', payload: { kind: 'snapshot' } });
    ws.close();
  });
});
