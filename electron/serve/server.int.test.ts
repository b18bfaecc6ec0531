// Integration: serve mode's HTTP and WebSocket gatekeeping, with the real router on the private engine.
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { UNAUTHORIZED_CLOSE, type ServerMessage } from '../../shared/api';
import { createRouter } from '../router';
import { createServices } from '../services';
import { engineMissing } from '../testing/engine';
import { machineNames, publicAddress } from './auth';
import { startServer, type RunningServer } from './server';

const missing = await engineMissing();
const TOKEN = 'test-token-0123456789-abcdefghijklmnop';

interface Opened {
  outcome: 'open' | number;
  ws: WebSocket;
  /** Every message the server sent, from the first. */
  messages: ServerMessage[];
}

/** Open a WebSocket and report how the handshake ended: 'open' or the HTTP status. */
function handshake(url: string, headers: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { headers });
    const messages: ServerMessage[] = [];
    ws.on('message', (d) => messages.push(JSON.parse(d.toString()) as ServerMessage));
    ws.on('open', () => resolve({ outcome: 'open', ws, messages }));
    ws.on('unexpected-response', (_req, res) => resolve({ outcome: res.statusCode ?? 0, ws, messages }));
    ws.on('error', () => {});
  });
}

/** Everything the server sent on `o` until it closed it, and the close code. */
function untilClosed(o: Opened): Promise<{ code: number; messages: unknown[] }> {
  return new Promise((resolve) => o.ws.once('close', (code) => resolve({ code, messages: o.messages })));
}

/** The messages on `o` once `done` holds for them (at most 5 s). */
async function collect(o: Opened, done: (m: ServerMessage[]) => boolean): Promise<ServerMessage[]> {
  await expect.poll(() => done(o.messages), { timeout: 5000 }).toBe(true);
  return o.messages;
}

/** GET `path` with a chosen Host header: the status. */
function getWithHost(port: number, pathname: string, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path: pathname, headers: { host } }, (r) => {
        r.resume();
        resolve(r.statusCode ?? 0);
      })
      .on('error', reject);
  });
}

describe.skipIf(missing)('serve mode gatekeeping', () => {
  const services = createServices();
  let server: RunningServer;
  let base: string;
  let ws: string;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
    fs.mkdirSync(path.join(dir, 'assets'));
    fs.writeFileSync(path.join(dir, 'assets', 'app.js'), 'console.log(1)');
    const router = createRouter(services);
    server = await startServer({ host: '127.0.0.1', port: 0, token: TOKEN, rendererDir: dir, router, authTimeoutMs: 300 });
    base = `http://127.0.0.1:${server.port}`;
    ws = `ws://127.0.0.1:${server.port}/ws`;
  });
  afterAll(async () => {
    await server.close();
    await services.close();
    fs.rmSync(dir, { recursive: true });
  });

  it('prints a loopback URL carrying the token in the fragment', () => {
    expect(server.url).toBe(`http://127.0.0.1:${server.port}/#token=${TOKEN}`);
  });

  it('serves static files without a token, with a strict CSP and never a cookie', async () => {
    for (const url of [`${base}/`, `${base}/assets/app.js`, `${base}/?token=${TOKEN}`]) {
      const res = await fetch(url);
      expect(res.status, url).toBe(200);
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('set-cookie'), url).toBeNull();
    }
  });

  it('lets a browser keep the content-hashed assets for good and revalidate index.html on every load', async () => {
    expect((await fetch(`${base}/assets/app.js`)).headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    for (const url of [`${base}/`, `${base}/index.html`, `${base}/some/route`]) expect((await fetch(url)).headers.get('cache-control'), url).toBe('no-cache');
  });

  it('refuses a forged Host header (DNS rebinding)', async () => {
    expect(await getWithHost(server.port, '/', `evil.test:${server.port}`)).toBe(403);
  });

  it('closes a WebSocket that sends anything before authenticating (4401), having sent it nothing', async () => {
    const opened = await handshake(ws, { origin: base });
    const socket = opened.ws;
    expect(opened.outcome).toBe('open');
    const end = untilClosed(opened);
    socket.send(JSON.stringify({ t: 'sub', topic: 'containers' }));
    socket.send(JSON.stringify({ t: 'call', id: 1, method: 'containers.list', args: {} }));
    expect(await end).toEqual({ code: UNAUTHORIZED_CLOSE, messages: [] });
  });

  it('closes a WebSocket with a wrong token, one that never authenticates, and ignores ?token= (4401)', async () => {
    const wrong = await handshake(ws, { origin: base });
    const wrongEnd = untilClosed(wrong);
    wrong.ws.send(JSON.stringify({ t: 'auth', token: `${TOKEN}x` }));
    expect(await wrongEnd).toEqual({ code: UNAUTHORIZED_CLOSE, messages: [] });

    const silent = await handshake(ws, { origin: base });
    expect(await untilClosed(silent)).toEqual({ code: UNAUTHORIZED_CLOSE, messages: [] });

    const query = await handshake(`${ws}?token=${TOKEN}`, { origin: base });
    const queryEnd = untilClosed(query);
    query.ws.send(JSON.stringify({ t: 'call', id: 1, method: 'containers.list', args: {} }));
    expect(await queryEnd).toEqual({ code: UNAUTHORIZED_CLOSE, messages: [] });
  });

  it('refuses a wrong Bearer header (401) and another origin even with the token (403)', async () => {
    expect((await handshake(ws, { authorization: 'Bearer nope' })).outcome).toBe(401);
    expect((await handshake(ws, { authorization: `Bearer ${TOKEN}`, origin: 'http://evil.test' })).outcome).toBe(403);
    expect((await handshake(ws, { origin: `http://127.0.0.1:${server.port + 1}` })).outcome).toBe(403);
  });

  it('after {t:auth} answers ready, then contract calls and topic snapshots', async () => {
    const opened = await handshake(ws, { origin: base });
    const socket = opened.ws;
    expect(opened.outcome).toBe('open');
    socket.send(JSON.stringify({ t: 'auth', token: TOKEN }));
    await collect(opened, (m) => m.length > 0);
    socket.send(JSON.stringify({ t: 'call', id: 1, method: 'containers.list', args: {} }));
    socket.send(JSON.stringify({ t: 'call', id: 2, method: 'containers.stop', args: { id: '' } }));
    socket.send(JSON.stringify({ t: 'sub', topic: 'containers' }));
    const messages = await collect(opened, (m) => m.filter((x) => x.t !== 'event').length >= 3 && m.some((x) => x.t === 'event'));
    expect(messages[0]).toEqual({ t: 'ready' });
    const r1 = messages.find((m) => m.t === 'result' && m.id === 1);
    expect(r1?.t === 'result' && r1.envelope.ok && Array.isArray(r1.envelope.result)).toBe(true);
    const r2 = messages.find((m) => m.t === 'result' && m.id === 2);
    expect(r2?.t === 'result' && !r2.envelope.ok && r2.envelope.error.name).toBe('ValidationError');
    expect(messages.find((m) => m.t === 'event')).toMatchObject({ t: 'event', topic: 'containers', payload: { kind: 'snapshot' } });
    socket.close();
  });

  it('takes a Bearer header instead of the auth message (non-browser clients): ready at once', async () => {
    const opened = await handshake(ws, { authorization: `Bearer ${TOKEN}` });
    const socket = opened.ws;
    expect(opened.outcome).toBe('open');
    socket.send(JSON.stringify({ t: 'call', id: 9, method: 'engine.info', args: {} }));
    const messages = await collect(opened, (m) => m.some((x) => x.t === 'result'));
    expect(messages[0]).toEqual({ t: 'ready' });
    expect(messages.find((m) => m.t === 'result')).toMatchObject({ id: 9, envelope: { ok: true } });
    socket.close();
  });
});

describe.skipIf(missing)('serve mode on every interface (--allow-remote)', () => {
  const services = createServices();
  let server: RunningServer;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
    server = await startServer({ host: '0.0.0.0', port: 0, token: TOKEN, rendererDir: dir, router: createRouter(services) });
  });
  afterAll(async () => {
    await server.close();
    await services.close();
    fs.rmSync(dir, { recursive: true });
  });

  it("answers a Host naming one of this machine's addresses or its host name, refuses a foreign one", async () => {
    const { addresses, hostname } = machineNames();
    const own = addresses.find((a) => !a.includes(':') && !a.startsWith('127.')) ?? '127.0.0.1';
    expect(await getWithHost(server.port, '/', `${own}:${server.port}`)).toBe(200);
    expect(await getWithHost(server.port, '/', `${hostname}:${server.port}`)).toBe(200);
    expect(await getWithHost(server.port, '/', `localhost:${server.port}`)).toBe(200);
    expect(await getWithHost(server.port, '/', `evil.test:${server.port}`)).toBe(403);
    expect(await getWithHost(server.port, '/', `${own}:${server.port + 1}`)).toBe(403);
  });

  it("prints a URL another machine can open: one of this machine's addresses, not 0.0.0.0", () => {
    const own = publicAddress();
    expect(server.url).not.toContain('0.0.0.0');
    if (own) expect(server.url.startsWith(`http://${own}:${server.port}/#token=`)).toBe(true);
  });
});
