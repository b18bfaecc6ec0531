import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AddedEngine } from '../../shared/engines';
import { addedEngines, addEngine, removeEngine } from './added';
import { findEngines, hostOf } from './discover';

describe('engines added by hand', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-added-'));
  const env = { BERTH_STATE_DIR: dir, DOCKER_CONFIG: path.join(dir, 'none'), HOME: dir };
  const key = path.join(dir, 'id_test');
  fs.writeFileSync(key, 'not really a key');

  it('the contract refuses addresses and files that do not fit', () => {
    expect(AddedEngine.safeParse({ name: 'a', host: 'http://x' }).success).toBe(false);
    expect(AddedEngine.safeParse({ name: 'a', host: 'ssh://me@host:22/path' }).success).toBe(false);
    expect(AddedEngine.safeParse({ name: 'a', host: 'unix:///run/x.sock', identityFile: key }).success).toBe(false);
    expect(AddedEngine.safeParse({ name: 'a', host: 'ssh://me@host', tls: { ca: 'a', cert: 'b', key: 'c' } }).success).toBe(false);
    expect(AddedEngine.safeParse({ name: 'a', host: 'tcp://10.0.0.5:2376', tls: { ca: 'a', cert: 'b', key: 'c' } }).success).toBe(true);
  });

  it('keeps, lists, refuses a taken name or a missing file, and forgets', () => {
    addEngine({ name: 'lab', host: 'ssh://me@127.0.0.1:2222', identityFile: key }, env);
    expect(() => addEngine({ name: 'lab', host: 'unix:///run/other.sock' }, env)).toThrow(/exists/);
    expect(() => addEngine({ name: 'other', host: 'ssh://me@h', identityFile: path.join(dir, 'missing') }, env)).toThrow(/does not exist/);
    expect((fs.statSync(path.join(dir, 'engines.json')).mode & 0o777).toString(8)).toBe('600');
    const found = findEngines(env).find((f) => f.id === 'added:lab');
    expect(found).toMatchObject({ source: 'added', host: 'ssh://me@127.0.0.1:2222', identityFile: key });
    const host = hostOf(found!, env);
    expect(host.display).toBe('ssh://me@127.0.0.1:2222');
    expect(host.candidateId).toBe('added:lab');
    removeEngine('added:lab', env);
    expect(addedEngines(env)).toEqual([]);
    expect(() => removeEngine('added:lab', env)).toThrow(/no engine/);
  });
});
