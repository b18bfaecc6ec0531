// CredentialStore against real files and a real credential-helper program speaking the
// docker-credential-helpers protocol (verb in argv, JSON or server URL on stdin, JSON on stdout).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CredentialStore } from './credentials';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-creds-'));
const bin = path.join(dir, 'bin');
const helperStore = path.join(dir, 'helper-store.json');

// A helper program as `docker-credential-pass` and friends behave: it keeps secrets in its own file.
const HELPER = `#!/usr/bin/env node
const fs = require('fs');
const file = ${JSON.stringify(helperStore)};
const db = fs.existsSync(file) ? JSON.parse(fs.readFileSync(file, 'utf8')) : {};
let input = '';
process.stdin.on('data', (d) => (input += d)).on('end', () => {
  const verb = process.argv[2];
  if (verb === 'store') { const c = JSON.parse(input); db[c.ServerURL] = c; fs.writeFileSync(file, JSON.stringify(db)); }
  else if (verb === 'get') { const c = db[input.trim()]; if (!c) { process.stdout.write('credentials not found in native keychain'); process.exit(1); } process.stdout.write(JSON.stringify(c)); }
  else if (verb === 'erase') { delete db[input.trim()]; fs.writeFileSync(file, JSON.stringify(db)); }
  else if (verb === 'list') { process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(db).map(([k, v]) => [k, v.Username])))); }
});
`;

beforeAll(() => {
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, 'docker-credential-berthtest'), HELPER, { mode: 0o755 });
  process.env.PATH = `${bin}:${process.env.PATH}`;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('CredentialStore with config.json', () => {
  it('reads what docker login wrote, and keeps other settings when writing', async () => {
    const cfg = path.join(dir, 'plain');
    fs.mkdirSync(cfg);
    fs.writeFileSync(
      path.join(cfg, 'config.json'),
      JSON.stringify({ auths: { 'reg.example:5000': { auth: Buffer.from('alice:s3cret:with:colons').toString('base64') } }, detachKeys: 'ctrl-x' }),
    );
    const store = new CredentialStore(cfg);
    expect(await store.get('reg.example:5000')).toEqual({ username: 'alice', secret: 's3cret:with:colons' });
    expect(await store.get('other.example')).toBeNull();
    await store.store('other.example', { username: 'bob', secret: 'pw' });
    const written = JSON.parse(fs.readFileSync(path.join(cfg, 'config.json'), 'utf8'));
    expect(written.detachKeys).toBe('ctrl-x');
    expect(Object.keys(written.auths).sort()).toEqual(['other.example', 'reg.example:5000']);
    expect(fs.statSync(path.join(cfg, 'config.json')).mode & 0o777).toBe(0o600);
    expect(await store.list()).toEqual([
      { registry: 'other.example', username: 'bob' },
      { registry: 'reg.example:5000', username: 'alice' },
    ]);
    await store.erase('reg.example:5000');
    expect(await store.get('reg.example:5000')).toBeNull();
  });

  it('keeps identity tokens apart from passwords', async () => {
    const cfg = path.join(dir, 'token');
    const store = new CredentialStore(cfg);
    await store.store('reg.example', { username: 'carol', secret: 'refresh-token', identityToken: true });
    expect(await store.get('reg.example')).toEqual({ username: 'carol', secret: 'refresh-token', identityToken: true });
  });
});

describe('CredentialStore with a credential helper', () => {
  it('stores secrets in the helper named by credsStore, leaving only an empty auths entry', async () => {
    const cfg = path.join(dir, 'helper');
    fs.mkdirSync(cfg);
    fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ credsStore: 'berthtest' }));
    const store = new CredentialStore(cfg);
    await store.store('reg.example', { username: 'dave', secret: 'hunter2' });
    const written = fs.readFileSync(path.join(cfg, 'config.json'), 'utf8');
    expect(written).not.toContain('hunter2');
    expect(JSON.parse(written).auths).toEqual({ 'reg.example': {} });
    expect(JSON.parse(fs.readFileSync(helperStore, 'utf8'))['reg.example']).toEqual({ ServerURL: 'reg.example', Username: 'dave', Secret: 'hunter2' });
    expect(await store.get('reg.example')).toEqual({ username: 'dave', secret: 'hunter2' });
    expect(await store.list()).toEqual([{ registry: 'reg.example', username: 'dave' }]);
    await store.erase('reg.example');
    expect(await store.get('reg.example')).toBeNull();
    expect(JSON.parse(fs.readFileSync(helperStore, 'utf8'))['reg.example']).toBeUndefined();
  });

  it('prefers credHelpers for its registry over credsStore and config.json', async () => {
    const cfg = path.join(dir, 'per-registry');
    fs.mkdirSync(cfg);
    fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ credHelpers: { 'special.example': 'berthtest' } }));
    const store = new CredentialStore(cfg);
    await store.store('special.example', { username: 'erin', secret: 'pw-in-helper' });
    await store.store('plain.example', { username: 'frank', secret: 'pw-in-file' });
    const written = JSON.parse(fs.readFileSync(path.join(cfg, 'config.json'), 'utf8'));
    expect(written.auths['special.example']).toEqual({});
    expect(Buffer.from(written.auths['plain.example'].auth, 'base64').toString()).toBe('frank:pw-in-file');
    expect(await store.get('special.example')).toEqual({ username: 'erin', secret: 'pw-in-helper' });
  });

  it('names a missing helper program', async () => {
    const cfg = path.join(dir, 'missing');
    fs.mkdirSync(cfg);
    fs.writeFileSync(path.join(cfg, 'config.json'), JSON.stringify({ credsStore: 'nosuchhelper' }));
    await expect(new CredentialStore(cfg).store('x.example', { username: 'a', secret: 'b' })).rejects.toThrow(/docker-credential-nosuchhelper/);
  });
});
