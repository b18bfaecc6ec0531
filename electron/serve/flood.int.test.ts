// Integration: one WebSocket client that floods serve mode with calls cannot make the engine refuse
// everyone else (a real serve process, the private dockerd).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startServe, type Serving } from '../../e2e/support/serve';
import { TEST_IMAGE, engineMissing } from '../testing/engine';

type Envelope = { ok: boolean; error?: { name: string; message: string } };

/** An authorised WebSocket to serve mode, open, with a map of answers by call id. */
async function client(serving: Serving): Promise<{ ws: WebSocket; call: (id: number, method: string, args: unknown) => Promise<Envelope> }> {
  const ws = new WebSocket(`${serving.origin.replace('http', 'ws')}/ws`, { headers: { authorization: `Bearer ${serving.token}` }, maxPayload: 64 << 20 });
  const waiting = new Map<number, (e: Envelope) => void>();
  ws.on('message', (d) => {
    const m = JSON.parse(d.toString()) as { t: string; id?: number; envelope?: Envelope };
    if (m.t === 'result' && m.id !== undefined) waiting.get(m.id)?.(m.envelope!);
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const call = (id: number, method: string, args: unknown) =>
    new Promise<Envelope>((resolve) => {
      waiting.set(id, resolve);
      ws.send(JSON.stringify({ t: 'call', id, method, args }));
    });
  return { ws, call };
}

const skip = await engineMissing();

describe.skipIf(skip)('serve mode under a flood of calls from one client', () => {
  let serving: Serving;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-renderer-'));
  beforeAll(async () => {
    fs.writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>Berth</title>');
    serving = await startServe({ fromSource: true, env: { BERTH_RENDERER_DIR: dir } });
  });
  afterAll(async () => {
    await serving?.stop();
    fs.rmSync(dir, { recursive: true });
  });

  it('answers 10,000 calls sent at once without an engine error, and another client is served meanwhile', async () => {
    const flooder = await client(serving);
    const bystander = await client(serving);
    const N = 10_000;
    const answers = Array.from({ length: N }, (_, i) => flooder.call(i, 'images.inspect', { id: TEST_IMAGE }));
    const mid = await bystander.call(1, 'images.inspect', { id: TEST_IMAGE });
    const all = await Promise.all(answers);
    const failed = all.filter((e) => !e.ok);
    // Every call was either served or refused as Busy by Berth itself: none reached the engine only to fail.
    expect(failed.filter((e) => e.error?.name !== 'Busy').map((e) => e.error)).toEqual([]);
    expect(all.filter((e) => e.ok).length).toBeGreaterThan(0);
    expect(mid.ok, JSON.stringify(mid.error)).toBe(true);
    expect((await bystander.call(2, 'images.inspect', { id: TEST_IMAGE })).ok).toBe(true);
    flooder.ws.close();
    bystander.ws.close();
  }, 120_000);
});
