// A FIFO where a Dockerfile or .dockerignore is expected is refused without being opened: reading one
// blocks until someone writes to it (readFileSync froze serve mode's event loop: the probe's finding on
// sif.open, checked here for the build's own reads).
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Engine } from '../../engine/engine';
import { RegistryService } from '../../registry/service';
import { TaskManager } from '../../tasks/manager';
import { readDockerignore } from './context';
import { BuildService } from './service';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-fifo-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('FIFOs in a build context', () => {
  it('a FIFO as the Dockerfile: hints refuse it at once', async () => {
    execFileSync('mkfifo', [path.join(dir, 'Dockerfile')]);
    const engine = new Engine();
    const build = new BuildService(engine, new TaskManager(), new RegistryService(engine));
    await expect(build.hints(dir)).rejects.toMatchObject({ name: 'NotFound', message: expect.stringMatching(/not a regular file/) });
  });

  it('a FIFO as .dockerignore is no ignore file', () => {
    execFileSync('mkfifo', [path.join(dir, '.dockerignore')]);
    expect(readDockerignore(dir)).toEqual([]);
  });
});
