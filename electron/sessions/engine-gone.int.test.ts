// Integration: an engine that goes away mid-session ends the session with a message (a second private
// dockerd, started and stopped by this test, so the shared test engine is untouched).
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SessionEvent, SessionInfo } from '../../shared/sessions';
import { Engine } from '../engine/engine';
import { resolveEngineHost } from '../engine/host';
import { docker, engineMissing, TEST_IMAGE, waitFor } from '../testing/engine';
import { SessionManager } from './manager';

const exec = promisify(execFile);
const missing = await engineMissing();
const ROOT = path.resolve(__dirname, '../..');

describe.skipIf(missing)('a session whose engine goes away', () => {
  // exec-root must stay short (containerd's 104-byte socket path limit): a short folder under /tmp.
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bg-'));
  let host = '';
  beforeAll(async () => {
    const { stdout } = await exec('bash', [path.join(ROOT, 'scripts/engine.sh'), 'start', dir]);
    host = stdout.trim().replace(/^DOCKER_HOST=/, '');
    await exec('bash', [path.join(ROOT, 'scripts/test-image.sh')], { env: { ...process.env, DOCKER_HOST: host } });
  }, 120_000);
  afterAll(async () => {
    await exec('bash', [path.join(ROOT, 'scripts/engine.sh'), 'stop', dir]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ends with "lost the engine" instead of hanging', async () => {
    await docker(['run', '-d', '--name', 'doomed', TEST_IMAGE, 'sleep', '600'], host);
    const manager = new SessionManager(new Engine(resolveEngineHost({ DOCKER_HOST: host })));
    const infos = new Map<string, SessionInfo>();
    manager.subscribe((e: SessionEvent) => {
      if ('session' in e) infos.set(e.session.id, e.session);
    });
    const s = await manager.exec({ container: 'doomed', size: { cols: 80, rows: 24 } });
    await exec('bash', [path.join(ROOT, 'scripts/engine.sh'), 'stop', dir]);
    await waitFor(() => infos.get(s.id)?.state === 'failed', 30_000, 'the session to fail');
    expect(infos.get(s.id)?.message).toMatch(/lost the engine/);
  }, 90_000);
});
