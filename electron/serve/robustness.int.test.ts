// Integration: a real serve process (electron/serve.ts through tsx) survives hostile or broken input.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { SERVE_MESSAGE_MAX_BYTES } from '../../shared/api';
import { startServe, type Serving } from '../../e2e/support/serve';

/** A session ID no session has. */
const SESSION = '00000000-0000-4000-8000-000000000001';

/** Send `text` on a raw TCP connection and collect everything until the server closes it. */
function raw(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    let got = '';
    const s = net.connect(port, '127.0.0.1', () => s.write(text));
    s.on('data', (d) => (got += d.toString()));
    s.on('close', () => resolve(got));
    s.on('error', reject);
  });
}

/** An authorised WebSocket to serve mode, open. */
function socket(serving: Serving): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(`${serving.origin.replace('http', 'ws')}/ws`, { headers: { authorization: `Bearer ${serving.token}` } });
    ws.once('open', () => resolve(ws));
    ws.once('error', reject);
  });
}

/** The close code the server ends `ws` with. */
function closed(ws: WebSocket): Promise<number> {
  return new Promise((resolve) => ws.once('close', (code) => resolve(code)));
}

/** The envelope of one call's answer on `ws` (a method the contract does not have: no engine needed). */
function unknownCall(ws: WebSocket, id: number): Promise<unknown> {
  return new Promise((resolve) => {
    ws.on('message', (d) => {
      const m = JSON.parse(d.toString()) as { t: string; id?: number; envelope?: unknown };
      if (m.t === 'result' && m.id === id) resolve(m.envelope);
    });
    ws.send(JSON.stringify({ t: 'call', id, method: 'no.such', args: {} }));
  });
}

describe('serve mode survives malformed input', () => {
  let serving: Serving;
  let port: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
    // With a deliberately failing request listener (electron/testing/faulty-listener.ts) for the last test.
    const fault = path.join(__dirname, '../testing/faulty-listener.ts');
    serving = await startServe({ fromSource: true, nodeArgs: ['--import', fault], env: { BERTH_RENDERER_DIR: dir } });
    port = Number(new URL(serving.origin).port);
  });
  afterAll(async () => {
    await serving.stop();
    fs.rmSync(dir, { recursive: true });
  });

  /** The process still runs and answers a plain request. */
  async function alive(): Promise<void> {
    expect(serving.child.exitCode, serving.output()).toBeNull();
    expect(serving.child.signalCode).toBeNull();
    const res = await raw(port, `GET / HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 \d{3} /);
  }

  it('answers an unparsable request target with 400 (no token, valid Host) and keeps running', async () => {
    const res = await raw(port, `GET http://[::1 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    await alive();
  });

  it('refuses an upgrade with an unparsable target with 400 and keeps running', async () => {
    const upgrade = [
      'GET http://[::1 HTTP/1.1',
      `Host: 127.0.0.1:${port}`,
      'Connection: Upgrade',
      'Upgrade: websocket',
      'Sec-WebSocket-Version: 13',
      'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==',
    ].join('\r\n');
    const res = await raw(port, `${upgrade}\r\n\r\n`);
    expect(res).toMatch(/^HTTP\/1\.1 400 /);
    await alive();
  });

  it("answers a call as big as the contract allows (a config at swarm's 1000 KiB limit, 1.33 MB in base64) instead of closing", async () => {
    // Before: the server took 1 MiB a message, and the page lost its connection at a config over ~768 KiB.
    const ws = await socket(serving);
    const data = Buffer.alloc(1000 * 1024 - 1, 7).toString('base64');
    const answer = new Promise<unknown>((resolve) => {
      ws.on('message', (d) => {
        const m = JSON.parse(d.toString()) as { t: string; id?: number; envelope?: unknown };
        if (m.t === 'result' && m.id === 11) resolve(m.envelope);
      });
    });
    ws.send(JSON.stringify({ t: 'call', id: 11, method: 'swarm.createConfig', args: { name: 'big', data, labels: {} } }));
    // The engine here is in no swarm (or absent): an answer, whatever it says, and the socket still open.
    expect(await answer).toMatchObject({ ok: false });
    expect(ws.readyState).toBe(WebSocket.OPEN);
    ws.close();
    await alive();
  });

  it('closes only the offending WebSocket on an oversized, non-UTF-8, non-JSON or off-contract message', async () => {
    const bystander = await socket(serving);
    const cases: [string, string | Buffer, number][] = [
      ['over 4 MiB', 'x'.repeat(SERVE_MESSAGE_MAX_BYTES + 1), 1009],
      ['invalid UTF-8', Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), 1007],
      ['not JSON', '{nope', 1007],
      ['not a contract message', JSON.stringify({ t: 'call', id: 'one' }), 1007],
      ['a signal the contract does not have', JSON.stringify({ t: 'signal', name: 'containers.remove', args: { id: 'web', force: true } }), 1007],
      ['a signal without a name', JSON.stringify({ t: 'signal', args: {} }), 1007],
      ['an acknowledgement with a negative offset', JSON.stringify({ t: 'signal', name: 'sessions.ack', args: { id: SESSION, rendered: -1 } }), 1007],
      ['keys with a session id that is no UUID', JSON.stringify({ t: 'signal', name: 'sessions.keys', args: { id: '../x', data: 'a' } }), 1007],
      ['keys that are not text', JSON.stringify({ t: 'signal', name: 'sessions.keys', args: { id: SESSION, data: 42 } }), 1007],
      ['a resize with extra keys', JSON.stringify({ t: 'signal', name: 'sessions.resize', args: { id: SESSION, size: { cols: 80, rows: 24 }, x: 1 } }), 1007],
    ];
    for (const [what, data, code] of cases) {
      const ws = await socket(serving);
      const done = closed(ws);
      ws.send(data, { binary: false });
      expect(await done, what).toBe(code);
      await alive();
    }
    expect(await unknownCall(bystander, 7)).toMatchObject({ ok: false, error: { name: 'UnknownMethod' } });
    bystander.close();
  });

  it('takes valid one-way signals without answering them, even for a session it does not know', async () => {
    const ws = await socket(serving);
    const got: string[] = [];
    ws.on('message', (d) => got.push(d.toString()));
    let closedWith: number | null = null;
    ws.once('close', (code) => (closedWith = code));
    for (const [name, args] of [
      ['sessions.ack', { id: SESSION, rendered: 10 }],
      ['sessions.keys', { id: SESSION, data: 'ls\r' }],
      ['sessions.resize', { id: SESSION, size: { cols: 100, rows: 30 } }],
    ] as const) {
      ws.send(JSON.stringify({ t: 'signal', name, args }));
    }
    // The call after them is answered on the same socket: they were taken, in order, and not answered.
    expect(await unknownCall(ws, 9)).toMatchObject({ ok: false, error: { name: 'UnknownMethod' } });
    expect(got.map((m) => (JSON.parse(m) as { t: string }).t).filter((t) => t !== 'ready')).toEqual(['result']);
    expect(closedWith).toBeNull();
    ws.close();
    await alive();
  });

  it('survives a handler that throws or leaves a rejection unhandled, and logs both (last line of defence)', async () => {
    for (const [url, text] of [['/__fault/throw', 'deliberate fault: thrown'], ['/__fault/reject', 'deliberate fault: rejected']]) {
      await raw(port, `GET ${url} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`);
      await expect.poll(() => serving.output(), { timeout: 5000 }).toContain(text);
      await alive();
    }
    expect(serving.output()).toMatch(/survived an uncaught exception.*deliberate fault: thrown/);
    expect(serving.output()).toMatch(/survived an unhandled rejection.*deliberate fault: rejected/);
  });
});

describe("serve mode's token", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));
  afterAll(() => fs.rmSync(dir, { recursive: true }));

  it('refuses a BERTH_TOKEN shorter than 32 characters at start, unless --allow-weak-token', async () => {
    const env = { BERTH_RENDERER_DIR: dir };
    await expect(startServe({ fromSource: true, token: 'x'.repeat(31), env })).rejects.toThrow(/exited with 1[\s\S]*BERTH_TOKEN has 31 characters; at least 32/);
    const weak = await startServe({ fromSource: true, token: 'short', env, args: ['--allow-weak-token'] });
    expect(weak.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#token=short$/);
    expect(weak.output()).toContain('WARNING: BERTH_TOKEN is shorter than 32 characters');
    await weak.stop();
  });
});

