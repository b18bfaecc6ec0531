// Log-in conventions shared with the Docker CLI: Docker Hub references (`busybox`, `docker.io/…`,
// `index.docker.io/…`) find the credential the CLI keeps under `https://index.docker.io/v1/` in config.json.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DOCKER_HUB_AUTH_KEY, parseReference, registryAuthKey } from '../../shared/reference';
import { CredentialStore } from './credentials';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-hub-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('Docker Hub credentials', () => {
  it('are found under https://index.docker.io/v1/ for every Hub reference, as the CLI stores them', async () => {
    // What `docker login` (no server) writes.
    fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify({ auths: { [DOCKER_HUB_AUTH_KEY]: { auth: Buffer.from('hubuser:hubtoken').toString('base64') } } }));
    const store = new CredentialStore(dir);
    for (const ref of ['busybox', 'docker.io/library/busybox:1', 'hubuser/app@sha256:' + 'a'.repeat(64), 'index.docker.io/hubuser/app:2']) {
      const parsed = parseReference(ref);
      expect(parsed.ok && parsed.reference.authKey, ref).toBe(DOCKER_HUB_AUTH_KEY);
      expect(await store.get(parsed.ok ? parsed.reference.authKey : ''), ref).toEqual({ username: 'hubuser', secret: 'hubtoken' });
    }
  });
  it('are stored under that key when the person types docker.io', async () => {
    const store = new CredentialStore(dir);
    for (const typed of ['docker.io', 'index.docker.io', 'https://index.docker.io/v1/', 'registry-1.docker.io']) {
      await store.store(registryAuthKey(typed), { username: 'u', secret: typed });
      const config = JSON.parse(fs.readFileSync(path.join(dir, 'config.json'), 'utf8'));
      expect(Object.keys(config.auths), typed).toEqual([DOCKER_HUB_AUTH_KEY]);
    }
  });
});
