// Integration: a real serve process (electron/serve.ts through tsx) survives hostile or broken input.
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type Serving } from '../../e2e/support/serve';

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

describe('serve mode survives malformed input', () => {
  let serving: Serving;
  let port: number;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));

  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
    serving = await startServe({ fromSource: true, env: { BERTH_RENDERER_DIR: dir } });
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
});
