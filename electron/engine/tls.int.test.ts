// Integration: an engine over TCP with TLS on loopback — a private dockerd with `--tlsverify` and
// certificates this test makes with openssl — reached with DOCKER_TLS_VERIFY/DOCKER_CERT_PATH, and refused
// clearly with the wrong CA.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engineMissing, freePort, waitFor } from '../testing/engine';
import { Engine } from './engine';
import { resolveEngineHost } from './host';

const exec = promisify(execFile);
const missing = await engineMissing();

/** A CA and a certificate signed by it, as `docker` documents for protecting the daemon socket. */
async function makeCerts(dir: string, cn: string): Promise<void> {
  const ssl = (args: string[]) => exec('openssl', args, { cwd: dir });
  await ssl(['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', '2', '-subj', `/CN=${cn} CA`]);
  fs.writeFileSync(path.join(dir, 'server.ext'), 'subjectAltName=IP:127.0.0.1\nextendedKeyUsage=serverAuth\n');
  fs.writeFileSync(path.join(dir, 'client.ext'), 'extendedKeyUsage=clientAuth\n');
  for (const who of ['server', 'client']) {
    await ssl(['req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${who}-key.pem`, '-out', `${who}.csr`, '-subj', `/CN=${who}`]);
    await ssl(['x509', '-req', '-in', `${who}.csr`, '-CA', 'ca.pem', '-CAkey', 'ca-key.pem', '-CAcreateserial', '-out', `${who}-cert.pem`, '-days', '2', '-extfile', `${who}.ext`]);
  }
}

describe.skipIf(missing)('an engine over TCP with TLS', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bt-'));
  const good = path.join(dir, 'good');
  const wrong = path.join(dir, 'wrong');
  let port = 0;
  let pid = 0;

  beforeAll(async () => {
    fs.mkdirSync(good);
    fs.mkdirSync(wrong);
    await makeCerts(good, 'berth');
    await makeCerts(wrong, 'stranger');
    // The CLI's names for a client's certificate folder: ca.pem, cert.pem, key.pem.
    for (const [from, to] of [['client-cert.pem', 'cert.pem'], ['client-key.pem', 'key.pem']]) {
      fs.copyFileSync(path.join(good, from), path.join(good, to));
      fs.copyFileSync(path.join(good, from), path.join(wrong, to));
    }
    port = await freePort();
    const child = (await import('node:child_process')).spawn(
      'dockerd',
      ['--data-root', path.join(dir, 'data'), '--exec-root', path.join(dir, 'x'), '--pidfile', path.join(dir, 'pid'), '-H', `tcp://127.0.0.1:${port}`,
        '--tlsverify', '--tlscacert', path.join(good, 'ca.pem'), '--tlscert', path.join(good, 'server-cert.pem'), '--tlskey', path.join(good, 'server-key.pem'),
        '--bridge', 'none', '--iptables=false', '--ip-masq=false'],
      { stdio: ['ignore', fs.openSync(path.join(dir, 'dockerd.log'), 'w'), fs.openSync(path.join(dir, 'dockerd.log'), 'a')], detached: true },
    );
    child.unref();
    pid = child.pid!;
    const engine = new Engine(resolveEngineHost({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: good }));
    await waitFor(() => engine.identify().then(() => true, () => false), 60_000, 'the TLS engine to answer');
  }, 120_000);

  afterAll(async () => {
    if (pid) {
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        // already gone
      }
      await waitFor(() => {
        try {
          process.kill(pid, 0);
          return false;
        } catch {
          return true;
        }
      }, 30_000, 'dockerd to stop').catch(() => process.kill(pid, 'SIGKILL'));
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('is reached with the certificates in DOCKER_CERT_PATH, verifying the server', async () => {
    const engine = new Engine(resolveEngineHost({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: good }));
    expect(engine.host.display).toBe(`tcp://127.0.0.1:${port} (TLS)`);
    expect(await engine.identify()).toMatchObject({ kind: 'docker', host: `tcp://127.0.0.1:${port} (TLS)` });
  });

  it('refuses a server whose certificate the CA does not sign, saying so', async () => {
    const engine = new Engine(resolveEngineHost({ DOCKER_HOST: `tcp://127.0.0.1:${port}`, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: wrong }));
    await expect(engine.identify()).rejects.toMatchObject({
      name: 'EngineUnreachable',
      message: expect.stringMatching(/^TLS: the engine's certificate at tcp:\/\/127\.0\.0\.1:\d+ \(TLS\) is not trusted by the CA in DOCKER_CERT_PATH \((SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY)\)$/),
    });
  });
});
