/**
 * Finding the engines a person has, the way the Docker CLI and Podman keep them:
 * - Docker contexts: `$DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json` (`Name`, `Endpoints.docker.Host`),
 *   TLS material under `contexts/tls/<sha256(name)>/docker/`, `currentContext` in `config.json`
 *   (overridden by `DOCKER_CONTEXT`). Source: docker/cli `cli/context/store`.
 * - `DOCKER_HOST`, the default socket `/var/run/docker.sock`.
 * - Podman: `$XDG_RUNTIME_DIR/podman/podman.sock` (rootless) and `/run/podman/podman.sock` (rootful).
 * - Engines added by hand in Berth (added.ts).
 * Probing asks each `/version` with a short timeout (ssh:// through the system ssh, as the CLI).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import type { EngineCandidate } from '../../shared/engines';
import { identifyVersion, type VersionAnswer } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import { guardClient } from '../engine/guard';
import { addedCandidate, addedEngines } from './added';
import { DEFAULT_SOCKET, resolveEngineHost, type EngineHost } from '../engine/host';

/** How long a probe waits for `/version`, ms. */
export const PROBE_TIMEOUT_MS = 3000;
/**
 * The same over ssh://, ms: the first request opens the shared SSH connection and runs `docker system
 * dial-stdio` on the remote side (1–3 s here; two probes at once took 3.2 s and one hit the 3 s bound).
 * ssh's own ConnectTimeout is 10 s (engine/ssh.ts).
 */
export const SSH_PROBE_TIMEOUT_MS = 10_000;

type Found = Omit<EngineCandidate, 'reachable' | 'info' | 'error' | 'inUse'>;

function readJson(file: string): unknown {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

/** The Docker CLI's config folder. */
export function dockerConfigDir(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG || path.join(env.HOME || os.homedir(), '.docker');
}

/** Where the Docker CLI keeps a context's TLS material: `contexts/tls/<sha256(name)>/docker`. */
function contextTlsDir(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'tls', createHash('sha256').update(name).digest('hex'), 'docker');
}

/** The certificate folder for a found engine: its context's TLS folder, else DOCKER_CERT_PATH or the config folder. */
function certDirFor(c: Pick<EngineCandidate, 'source' | 'name'>, env: NodeJS.ProcessEnv): string {
  const dir = dockerConfigDir(env);
  return c.source === 'context' ? contextTlsDir(dir, c.name) : env.DOCKER_CERT_PATH || dir;
}

/** Every engine configured in `env` and on disk, without contacting any. Duplicated hosts are kept once (first wins). */
export function findEngines(env: NodeJS.ProcessEnv = process.env, exists: (p: string) => boolean = fs.existsSync): Found[] {
  const dir = dockerConfigDir(env);
  const config = readJson(path.join(dir, 'config.json')) as { currentContext?: string } | null;
  const current = env.DOCKER_CONTEXT || config?.currentContext || 'default';
  const found: Found[] = [];
  const metaDir = path.join(dir, 'contexts', 'meta');
  let metas: string[] = [];
  try {
    metas = fs.readdirSync(metaDir);
  } catch {
    // no contexts
  }
  for (const hash of metas.sort()) {
    const meta = readJson(path.join(metaDir, hash, 'meta.json')) as { Name?: string; Endpoints?: { docker?: { Host?: string } } } | null;
    const host = meta?.Endpoints?.docker?.Host;
    if (!meta?.Name || !host) continue;
    found.push({ id: `context:${meta.Name}`, name: meta.Name, source: 'context', host, tls: exists(contextTlsDir(dir, meta.Name)), cliCurrent: meta.Name === current });
  }
  if (env.DOCKER_HOST) {
    found.push({ id: 'env', name: 'DOCKER_HOST', source: 'env', host: env.DOCKER_HOST, tls: !!env.DOCKER_TLS_VERIFY, cliCurrent: !env.DOCKER_CONTEXT });
  }
  found.push({ id: 'default', name: 'default', source: 'default', host: `unix://${DEFAULT_SOCKET}`, tls: false, cliCurrent: current === 'default' && !env.DOCKER_HOST });
  const podman = [env.XDG_RUNTIME_DIR && path.join(env.XDG_RUNTIME_DIR, 'podman', 'podman.sock'), '/run/podman/podman.sock'].filter((p): p is string => !!p);
  for (const sock of podman) {
    if (exists(sock)) found.push({ id: `podman:${sock}`, name: sock.startsWith('/run/podman') ? 'podman (rootful)' : 'podman (rootless)', source: 'podman', host: `unix://${sock}`, tls: false, cliCurrent: false });
  }
  for (const e of addedEngines(env)) found.push(addedCandidate(e));
  // The same address reached with other keys or certificates is another way in: keep both.
  const seen = new Set<string>();
  const key = (f: Found) => [f.host, f.identityFile ?? '', f.tlsFiles?.ca ?? '', f.tlsFiles?.cert ?? ''].join('\n');
  return found.filter((f) => (seen.has(key(f)) ? false : (seen.add(key(f)), true)));
}

/** Ask one engine who it is, reached as `hostOf` reaches it. Never throws: failures become `error`. */
export async function probe(f: Found, inUse: InUse, env: NodeJS.ProcessEnv = process.env): Promise<EngineCandidate> {
  const base = { ...f, inUse: isInUse(f, inUse) };
  try {
    const host = hostOf(f, env);
    const v = (await guardClient(new Docker({ ...host.options, timeout: f.host.startsWith('ssh://') ? SSH_PROBE_TIMEOUT_MS : PROBE_TIMEOUT_MS })).version()) as unknown as VersionAnswer;
    return { ...base, reachable: true, info: identifyVersion(v, f.host) };
  } catch (err) {
    return { ...base, reachable: false, error: toBerthError(err, f.host).message };
  }
}

function isInUse(f: Found, inUse: InUse): boolean {
  return inUse.candidateId ? inUse.candidateId === f.id : f.host === inUse.cliEnv.DOCKER_HOST;
}

/**
 * The engine Berth talks to: the candidate it was chosen as (`candidateId`, set by `hostOf`), else its
 * `DOCKER_HOST` form (one address may be listed twice, e.g. ssh:// with two keys).
 */
export type InUse = Pick<EngineHost, 'candidateId' | 'cliEnv'>;

/** Every engine found, probed in parallel (or, with `probeNow` false, at once and marked `probing`), the one in use marked. */
export async function listEngines(inUse: InUse, env: NodeJS.ProcessEnv = process.env, probeNow = true): Promise<EngineCandidate[]> {
  const found = findEngines(env);
  if (!probeNow) return found.map((f) => ({ ...f, inUse: isInUse(f, inUse), reachable: false, probing: true }));
  return Promise.all(found.map((f) => probe(f, inUse, env)));
}

/**
 * Probe the engine listed as `id`.
 * @throws BerthError `NotFound` when no engine of that id is found any more.
 */
export async function probeOne(id: string, inUse: InUse, env: NodeJS.ProcessEnv = process.env): Promise<EngineCandidate> {
  const f = findEngines(env).find((x) => x.id === id);
  if (!f) throw new BerthError('NotFound', `no engine ${id} is known (any more): refresh the list`);
  return probe(f, inUse, env);
}

/**
 * How to reach a found engine, as `resolveEngineHost` would from the CLI's environment for it.
 * @throws Error when TLS files cannot be read or the address is not valid.
 */
export function hostOf(c: Pick<EngineCandidate, 'id' | 'host' | 'tls' | 'source' | 'name' | 'tlsFiles' | 'identityFile'>, env: NodeJS.ProcessEnv = process.env): EngineHost {
  const files = c.tlsFiles;
  const host = resolveEngineHost({
    DOCKER_HOST: c.host,
    ...(c.tls ? { DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: certDirFor(c, env) } : {}),
    ...(files ? { BERTH_TLS_CA: files.ca, BERTH_TLS_CERT: files.cert, BERTH_TLS_KEY: files.key } : {}),
    ...(c.identityFile ? { BERTH_SSH_IDENTITY: c.identityFile } : {}),
    ...(env.BERTH_SSH_CONFIG ? { BERTH_SSH_CONFIG: env.BERTH_SSH_CONFIG } : {}),
  });
  return { ...host, candidateId: c.id };
}
