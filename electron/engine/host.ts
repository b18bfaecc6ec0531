/**
 * Which engine to talk to, chosen the way the Docker CLI chooses it: `DOCKER_HOST` (unix://, tcp://, with
 * TLS when `DOCKER_TLS_VERIFY` is set, certificates from `DOCKER_CERT_PATH` or `~/.docker`), else the
 * default socket (`/var/run/docker.sock`). `ssh://[user@]host[:port]` goes through the system ssh (ssh.ts), with
 * the key in `BERTH_SSH_IDENTITY` when set.
 * Source: Docker CLI documentation, "Environment variables" (docker/cli `docs/reference/commandline/cli.md`).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DockerOptions } from 'dockerode';
import { parseSshUrl, sshAgent, sshDisplay } from './ssh';

/** Where the engine is and how to reach it. `display` is what the status bar and errors show. */
export interface EngineHost {
  /** e.g. `unix:///var/run/docker.sock`, `tcp://10.0.0.5:2376 (TLS)`. */
  display: string;
  /** Options for dockerode / docker-modem. */
  options: DockerOptions;
  /** Environment that points the Docker CLI at this engine (`DOCKER_HOST`, and TLS settings when used). */
  cliEnv: Record<string, string>;
  /** The Engines view's id of the engine, when it was chosen there (`engines.use`, remembered). */
  candidateId?: string;
}

/** The default socket when `DOCKER_HOST` is unset. */
export const DEFAULT_SOCKET = '/var/run/docker.sock';

/**
 * Resolve the engine from an environment.
 * @throws Error with a readable message when `DOCKER_HOST` has a scheme Berth does not support yet.
 */
export function resolveEngineHost(env: NodeJS.ProcessEnv = process.env): EngineHost {
  const raw = env.DOCKER_HOST?.trim();
  if (!raw) return { display: `unix://${DEFAULT_SOCKET}`, options: { socketPath: DEFAULT_SOCKET }, cliEnv: { DOCKER_HOST: `unix://${DEFAULT_SOCKET}` } };
  if (raw.startsWith('unix://')) {
    const socketPath = raw.slice('unix://'.length) || DEFAULT_SOCKET;
    return { display: `unix://${socketPath}`, options: { socketPath }, cliEnv: { DOCKER_HOST: `unix://${socketPath}` } };
  }
  if (raw.startsWith('ssh://')) {
    const target = { ...parseSshUrl(raw), ...(env.BERTH_SSH_IDENTITY ? { identityFile: env.BERTH_SSH_IDENTITY } : {}) };
    // docker-modem sends plain HTTP through the agent; host and port only fill the Host header.
    return { display: sshDisplay(target), options: { protocol: 'http', host: 'docker', port: 80, agent: sshAgent(target, env) } as DockerOptions, cliEnv: { DOCKER_HOST: raw } };
  }
  const withScheme = raw.includes('://') ? raw : `tcp://${raw}`;
  let url: URL;
  try {
    url = new URL(withScheme);
  } catch {
    throw new Error(`DOCKER_HOST is not a valid address: ${raw} (expected e.g. unix:///var/run/docker.sock or tcp://host:2376)`);
  }
  if (url.protocol !== 'tcp:' && url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new Error(`DOCKER_HOST scheme ${url.protocol} is not supported (use unix://, tcp:// or ssh://)`);
  }
  const verify = env.DOCKER_TLS_VERIFY !== undefined && env.DOCKER_TLS_VERIFY !== '' && env.DOCKER_TLS_VERIFY !== '0';
  const port = url.port || (verify ? '2376' : '2375');
  const base = `tcp://${url.hostname}:${port}`;
  if (!verify && port !== '2376') {
    return { display: base, options: { host: url.hostname, port, protocol: 'http' }, cliEnv: { DOCKER_HOST: base } };
  }
  const certDir = env.DOCKER_CERT_PATH || path.join(os.homedir(), '.docker');
  // BERTH_TLS_CA/CERT/KEY name the files one by one (engines added by hand); else the CLI's folder layout.
  const files: Record<string, string | undefined> = { 'ca.pem': env.BERTH_TLS_CA, 'cert.pem': env.BERTH_TLS_CERT, 'key.pem': env.BERTH_TLS_KEY };
  const read = (name: string) => fs.readFileSync(files[name] ?? path.join(certDir, name));
  return {
    display: `${base} (TLS)`,
    options: { host: url.hostname, port, protocol: 'https', ca: read('ca.pem'), cert: read('cert.pem'), key: read('key.pem') },
    cliEnv: { DOCKER_HOST: base, DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDir },
  };
}
