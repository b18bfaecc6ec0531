// Integration: every save to a file (images.save, volumes.saveFile, logs.save) on the private engine leaves
// an existing PATH.partial untouched, writes PATH whole, and a failed or cancelled save leaves no
// temporary file behind.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../engine/engine';
import { SaveLoadService } from '../images/save-load';
import { LogsService } from '../logs/service';
import { TaskManager } from '../tasks/manager';
import { docker, engineMissing, TEST_IMAGE, uniqueName } from '../testing/engine';
import { VolumeBrowser } from '../volumes/browse';

const missing = await engineMissing();

describe.skipIf(missing)('saving to PATH next to an existing PATH.partial', () => {
  const engine = new Engine();
  const tasks = new TaskManager();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-saves-'));
  const volume = uniqueName('partial-vol');
  const container = uniqueName('partial-logs');
  /** Create PATH.partial holding something that must survive. */
  const precious = (file: string) => fs.writeFileSync(`${file}.partial`, `not Berth's: ${file}`);
  const untouched = (file: string) => expect(fs.readFileSync(`${file}.partial`, 'utf8')).toBe(`not Berth's: ${file}`);
  /** Only the files named are left in the folder (no temporary file). */
  const onlyFiles = (...names: string[]) => expect(fs.readdirSync(dir).sort()).toEqual(names.sort());

  beforeAll(async () => {
    await docker(['volume', 'create', volume]);
    await docker(['run', '--rm', '--network', 'none', '-v', `${volume}:/d`, TEST_IMAGE, 'sh', '-c', 'mkdir /d/sub && head -c 70000 /dev/zero > /d/zeros']);
    await docker(['run', '--name', container, '--network', 'none', TEST_IMAGE, 'sh', '-c', 'seq 1 2000']);
  });
  afterAll(async () => {
    await docker(['rm', '-f', container]).catch(() => {});
    await docker(['volume', 'rm', '-f', volume]).catch(() => {});
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('images.save', async () => {
    const file = path.join(dir, 'image.tar');
    precious(file);
    const task = await tasks.settled((await new SaveLoadService(engine, tasks).save([TEST_IMAGE], file)).id);
    expect(task.state).toBe('succeeded');
    untouched(file);
    expect(fs.statSync(file).size).toBe(task.progress.current);
    onlyFiles('image.tar', 'image.tar.partial');
    // Cancelled at once: nothing new in the folder, the old archive and PATH.partial as they were.
    const again = await new SaveLoadService(engine, tasks).save([TEST_IMAGE], file, true);
    tasks.cancel(again.id);
    expect((await tasks.settled(again.id)).state).toBe('cancelled');
    untouched(file);
    onlyFiles('image.tar', 'image.tar.partial');
    fs.rmSync(file);
    fs.rmSync(`${file}.partial`);
  });

  it('volumes.saveFile', async () => {
    const browser = new VolumeBrowser(engine);
    const file = path.join(dir, 'zeros');
    precious(file);
    expect(await browser.saveFile(volume, 'zeros', file)).toEqual({ bytes: 70_000 });
    expect(fs.readFileSync(file)).toEqual(Buffer.alloc(70_000));
    untouched(file);
    const folder = path.join(dir, 'sub');
    precious(folder);
    await expect(browser.saveFile(volume, 'sub', folder)).rejects.toThrow(/not a regular file/);
    untouched(folder);
    onlyFiles('zeros', 'zeros.partial', 'sub.partial');
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
  });

  it('logs.save', async () => {
    const logs = new LogsService(engine);
    const file = path.join(dir, 'app.log');
    precious(file);
    expect(await logs.save({ container, path: file, timestamps: false })).toMatchObject({ lines: 2000 });
    expect(fs.readFileSync(file, 'utf8').split('\n')[1999]).toBe('2000');
    untouched(file);
    onlyFiles('app.log', 'app.log.partial');
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
  });
});
