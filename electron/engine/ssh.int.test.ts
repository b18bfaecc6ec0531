// Integration: an engine over ssh:// — Debian's OpenSSH server on a loopback port with throwaway keys, the
// docker CLI on the "remote" side (this machine) running `docker system dial-stdio` to the private engine.
// Requests share one SSH connection; an unknown key is refused with a clear message.
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMissing, TEST_IMAGE } from '../testing/engine';
import { SSHD, startSshd, type TestSshd } from '../testing/sshd';
import { Engine } from './engine';
import { hijack } from './hijack';
import { resolveEngineHost } from './host';

const missing = (await engineMissing()) ?? (fs.existsSync(SSHD) ? null : 'no sshd (install openssh-server)');
if (missing && process.env.CI === 'true') throw new Error(`ssh suite must run in CI: ${missing}`);

describe.skipIf(missing)('an engine over ssh://', () => {
  let sshd: TestSshd;
  const engineWith = (identity: string) =>
    new Engine(resolveEngineHost({ DOCKER_HOST: sshd.url, BERTH_SSH_CONFIG: sshd.config, BERTH_SSH_IDENTITY: identity }));

  beforeAll(async () => {
    sshd = await startSshd(process.env.DOCKER_HOST!);
  });
  afterAll(async () => {
    await sshd?.stop();
  });

  it('a key the server does not know is refused, saying so', async () => {
    await expect(engineWith(sshd.wrongIdentity).identify()).rejects.toThrow(/Permission denied \(publickey\).*refused the key/);
  });

  it('answers as the engine behind it, every request over one SSH connection', async () => {
    const engine = engineWith(sshd.identity);
    expect(engine.host.display).toBe(sshd.url);
    const info = await engine.identify();
    expect(info.kind).toMatch(/docker|podman/);
    expect(info.rootless).toBe(false); // the private test engines run as root
    const local = await new Engine(resolveEngineHost({ DOCKER_HOST: process.env.DOCKER_HOST })).call((d) => d.listImages());
    for (let i = 0; i < 20; i++) {
      const images = await engine.call((d) => d.listImages());
      expect(images.map((x) => x.Id).sort()).toEqual(local.map((x) => x.Id).sort());
    }
    await Promise.all(Array.from({ length: 5 }, () => engine.call((d) => d.listContainers({ all: true }))));
    expect(sshd.connections()).toBe(1);
  });

  it("a wrong key is still refused while the right key's shared connection to the same host is open", async () => {
    const good = engineWith(sshd.identity);
    await good.identify();
    // The same user, host and port: the control socket must not be shared across keys.
    await expect(engineWith(sshd.wrongIdentity).identify()).rejects.toThrow(/Permission denied \(publickey\)/);
    await expect(good.identify()).resolves.toMatchObject({ kind: expect.stringMatching(/docker|podman/) });
  });

  it('carries a hijacked exec stream (terminals) both ways', async () => {
    const engine = engineWith(sshd.identity);
    const container = await engine.docker.createContainer({ Image: TEST_IMAGE, Cmd: ['sleep', '60'], HostConfig: { NetworkMode: 'none' } });
    try {
      await container.start();
      const exec = await container.exec({ Cmd: ['sh'], AttachStdin: true, AttachStdout: true, Tty: true });
      const stream = await hijack(engine.host, `/exec/${exec.id}/start`, { Detach: false, Tty: true });
      let out = '';
      stream.on('data', (b: Buffer) => (out += b.toString('utf8')));
      stream.write('echo $((6*7))\nexit\n');
      await new Promise((resolve) => stream.once('end', resolve));
      expect(out).toContain('42');
    } finally {
      await container.remove({ force: true });
    }
  });
});
