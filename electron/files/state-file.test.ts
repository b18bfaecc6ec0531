// Berth's state files: a symlink in a state file's place is replaced, never written through (a linked
// settings.json had made Berth overwrite the file it pointed to, and set its mode to 0600); leftovers of a
// write killed half way go; reads are bounded and never wait on a FIFO.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readStateFile, writeStateFile } from './state-file';

const folder = () => fs.mkdtempSync(path.join(os.tmpdir(), 'berth-state-file-'));

describe('state files', () => {
  it('replace a symlink in their place and leave its target alone', () => {
    const dir = folder();
    const victim = path.join(dir, 'victim.txt');
    fs.writeFileSync(victim, 'precious', { mode: 0o644 });
    const file = path.join(dir, 'settings.json');
    fs.symlinkSync(victim, file);
    writeStateFile(file, '{"theme":"dark"}\n');
    expect(fs.readFileSync(victim, 'utf8')).toBe('precious');
    expect(fs.statSync(victim).mode & 0o777).toBe(0o644);
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe('{"theme":"dark"}\n');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  });

  it('remove what a killed write left, and nothing else', () => {
    const dir = folder();
    const file = path.join(dir, 'engines.json');
    fs.writeFileSync(path.join(dir, '.engines.json.0123456789ab.partial'), 'half');
    fs.writeFileSync(path.join(dir, '.other.json.0123456789ab.partial'), 'not ours to remove');
    writeStateFile(file, '[]\n');
    expect(fs.readdirSync(dir).sort()).toEqual(['.other.json.0123456789ab.partial', 'engines.json']);
  });

  it('read only regular files of bounded size, at once for a FIFO', () => {
    const dir = folder();
    const fifo = path.join(dir, 'window.json');
    execFileSync('mkfifo', [fifo]);
    expect(() => readStateFile(fifo)).toThrow('not a regular file');
    const big = path.join(dir, 'big.json');
    fs.writeFileSync(big, 'x'.repeat(100));
    expect(() => readStateFile(big, 10)).toThrow('more than the 10');
    expect(readStateFile(big, 100)).toHaveLength(100);
    expect(() => readStateFile(path.join(dir, 'none.json'))).toThrow(/ENOENT/);
  });
});
