// Unit: writeViaPartial on the real file system (a temporary folder): an existing PATH.partial is never
// touched, the target is complete or absent, and a failed write leaves no temporary file.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { partialName, writeViaPartial } from './partial';

describe('writeViaPartial', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-partial-'));
  const target = path.join(dir, 'image.tar');
  afterEach(() => {
    for (const f of fs.readdirSync(dir)) fs.rmSync(path.join(dir, f));
  });

  it('leaves an existing PATH.partial untouched and writes PATH whole', async () => {
    fs.writeFileSync(`${target}.partial`, 'someone else’s download');
    await writeViaPartial(target, (out) => pipeline(Readable.from([Buffer.alloc(100_000, 7), Buffer.alloc(5, 8)]), out));
    expect(fs.readFileSync(`${target}.partial`, 'utf8')).toBe('someone else’s download');
    expect(fs.readFileSync(target)).toEqual(Buffer.concat([Buffer.alloc(100_000, 7), Buffer.alloc(5, 8)]));
    expect(fs.readdirSync(dir).sort()).toEqual(['image.tar', 'image.tar.partial']);
  });

  it('removes its temporary file when the write fails midway, keeping the old target and PATH.partial', async () => {
    fs.writeFileSync(target, 'old');
    fs.writeFileSync(`${target}.partial`, 'keep');
    const failing = new Readable({
      read() {
        this.push(Buffer.alloc(10_000));
        this.destroy(new Error('engine went away'));
      },
    });
    await expect(writeViaPartial(target, (out) => pipeline(failing, out))).rejects.toThrow('engine went away');
    expect(fs.readdirSync(dir).sort()).toEqual(['image.tar', 'image.tar.partial']);
    expect(fs.readFileSync(target, 'utf8')).toBe('old');
    expect(fs.readFileSync(`${target}.partial`, 'utf8')).toBe('keep');
  });

  it('leaves nothing when the write fails before using the stream (the file opens after the failure)', async () => {
    await expect(writeViaPartial(target, () => Promise.reject(new Error('no such image')))).rejects.toThrow('no such image');
    expect(fs.readdirSync(dir)).toEqual([]);
  });

  it('names temporary files uniquely, hidden, in the target folder', () => {
    const a = partialName(target);
    expect(path.dirname(a)).toBe(dir);
    expect(path.basename(a)).toMatch(/^\.image\.tar\.[0-9a-f]{12}\.partial$/);
    expect(partialName(target)).not.toBe(a);
  });
});
