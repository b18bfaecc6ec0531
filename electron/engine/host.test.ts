import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SOCKET, resolveEngineHost } from './host';

describe('resolveEngineHost', () => {
  it('uses the default socket when DOCKER_HOST is unset or empty', () => {
    expect(resolveEngineHost({})).toEqual({ display: `unix://${DEFAULT_SOCKET}`, options: { socketPath: DEFAULT_SOCKET }, cliEnv: { DOCKER_HOST: `unix://${DEFAULT_SOCKET}` } });
    expect(resolveEngineHost({ DOCKER_HOST: '' }).options).toEqual({ socketPath: DEFAULT_SOCKET });
  });

  it('takes a unix socket path from DOCKER_HOST', () => {
    expect(resolveEngineHost({ DOCKER_HOST: 'unix:///run/user/1000/podman/podman.sock' })).toEqual({
      display: 'unix:///run/user/1000/podman/podman.sock',
      options: { socketPath: '/run/user/1000/podman/podman.sock' },
      cliEnv: { DOCKER_HOST: 'unix:///run/user/1000/podman/podman.sock' },
    });
  });

  it('reads plain tcp, defaulting the port to 2375 and adding the scheme when missing', () => {
    expect(resolveEngineHost({ DOCKER_HOST: 'tcp://10.1.2.3:2375' })).toEqual({
      display: 'tcp://10.1.2.3:2375',
      options: { host: '10.1.2.3', port: '2375', protocol: 'http' },
      cliEnv: { DOCKER_HOST: 'tcp://10.1.2.3:2375' },
    });
    expect(resolveEngineHost({ DOCKER_HOST: 'example.test' }).options).toEqual({ host: 'example.test', port: '2375', protocol: 'http' });
  });

  it('uses TLS with the certificates in DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-certs-'));
    for (const f of ['ca.pem', 'cert.pem', 'key.pem']) fs.writeFileSync(path.join(dir, f), `fake ${f}`);
    const h = resolveEngineHost({ DOCKER_HOST: 'tcp://engine.test:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
    expect(h.display).toBe('tcp://engine.test:2376 (TLS)');
    expect(h.options.protocol).toBe('https');
    expect(String(h.options.ca)).toBe('fake ca.pem');
    expect(String(h.options.key)).toBe('fake key.pem');
    expect(h.cliEnv).toEqual({ DOCKER_HOST: 'tcp://engine.test:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: dir });
    fs.rmSync(dir, { recursive: true });
  });

  it('fails readably on TLS without certificates and on unsupported schemes', () => {
    expect(() => resolveEngineHost({ DOCKER_HOST: 'tcp://h:2376', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/nonexistent' })).toThrow(/ca\.pem/);
    expect(() => resolveEngineHost({ DOCKER_HOST: 'ftp://h' })).toThrow(/not supported/);
    expect(() => resolveEngineHost({ DOCKER_HOST: 'tcp://[bad' })).toThrow(/not a valid address/);
  });
});
