// Integration: browsing a volume's files through a helper container that is never started, and saving
// one file, against the private engine (the same test passes on Podman: DOCKER_HOST at its socket).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { HELPER_LABEL, VolumeBrowser } from './browse';

const missing = await engineMissing();

describe.skipIf(missing)('browsing a volume', () => {
  const engine = new Engine();
  const browser = new VolumeBrowser(engine);
  const volume = uniqueName('browse');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-vol-'));
  beforeAll(async () => {
    await docker(['volume', 'create', volume]);
    const script = 'mkdir -p /d/sub/deep && printf hello > /d/a.txt && head -c 3000 /dev/zero > /d/sub/deep/zeros && printf x > /d/sub/b && ln -s a.txt /d/link';
    await docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/d`, TEST_IMAGE, 'sh', '-c', script]);
  });
  afterAll(async () => {
    await docker(['volume', 'rm', '-f', volume]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists a folder: folders first, a folder sized by what is under it, symlinks with their target', async () => {
    const root = await browser.list(volume, '/');
    expect(root.path).toBe('');
    expect(root.truncated).toBe(false);
    expect(root.entries.map((e) => [e.name, e.type, e.size])).toEqual([
      ['sub', 'dir', 3001],
      ['a.txt', 'file', 5],
      ['link', 'symlink', 0],
    ]);
    expect(root.entries.find((e) => e.name === 'link')?.linkTarget).toMatch(/a\.txt$/);
    const sub = await browser.list(volume, 'sub/');
    expect(sub.path).toBe('sub');
    expect(sub.entries.map((e) => e.name)).toEqual(['deep', 'b']);
    await expect(browser.list(volume, 'nothing-here')).rejects.toThrow(/not in the volume/);
    await expect(browser.list(uniqueName('no-such-volume'), '')).rejects.toThrow();
  });

  it('saves one file whole, refuses to overwrite unless asked, and leaves no helper container', async () => {
    const target = path.join(dir, 'zeros');
    expect(await browser.saveFile(volume, 'sub/deep/zeros', target)).toEqual({ bytes: 3000 });
    expect(fs.readFileSync(target)).toEqual(Buffer.alloc(3000));
    await expect(browser.saveFile(volume, 'a.txt', target)).rejects.toThrow(/exists/);
    await browser.saveFile(volume, 'a.txt', target, true);
    expect(fs.readFileSync(target, 'utf8')).toBe('hello');
    await expect(browser.saveFile(volume, 'sub', path.join(dir, 'x'))).rejects.toThrow(/not a regular file/);
    expect(fs.existsSync(path.join(dir, 'x.partial'))).toBe(false);
    expect(await docker(['ps', '-aq', '--filter', `label=${HELPER_LABEL}`])).toBe('');
  });
});
