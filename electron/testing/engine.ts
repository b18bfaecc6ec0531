/**
 * Test support for suites that need a real engine (integration and end-to-end): the private dockerd that
 * scripts/test.sh starts (DOCKER_HOST), and the docker CLI to compare Berth with. Never a mocked engine.
 * When no engine answers, suites fail under CI (`CI=true`) and are skipped loudly elsewhere.
 */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import Docker from 'dockerode';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** The socket path of a `unix://` engine address; undefined for anything else. */
export function socketOf(host: string | undefined): string | undefined {
  return host?.startsWith('unix://') ? host.slice('unix://'.length) : undefined;
}

/** A TCP port free on 127.0.0.1 now (for a test server to listen on). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** The docker CLI against `host` (default: DOCKER_HOST). Resolves with trimmed stdout. */
export async function docker(args: string[], host = process.env.DOCKER_HOST): Promise<string> {
  const { stdout } = await run('docker', args, { env: { ...process.env, DOCKER_HOST: host }, maxBuffer: 64 << 20 });
  return stdout.trim();
}

/**
 * `docker build -t TAG` of a Dockerfile (its text, or its lines) in an empty temporary context, with the
 * classic builder (`DOCKER_BUILDKIT=0`: dockerd 20.10 and Podman both take it). Resolves when the image exists.
 */
export async function buildImage(tag: string, dockerfile: string | string[]): Promise<void> {
  const ctx = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-test-ctx-'));
  try {
    fs.writeFileSync(path.join(ctx, 'Dockerfile'), `${typeof dockerfile === 'string' ? dockerfile : dockerfile.join('\n')}\n`);
    await run('docker', ['build', '-q', '-t', tag, ctx], { env: { ...process.env, DOCKER_BUILDKIT: '0' } });
  } finally {
    fs.rmSync(ctx, { recursive: true, force: true });
  }
}

/**
 * `docker commit --change CHANGE CONTAINER REF` through the API (the Docker 20.10 CLI's commit fails on
 * Podman 4.3 with "Decode(): EOF"). Resolves with the new image ID, `sha256:…`.
 */
export async function commitImage(container: string, ref: string, change?: string): Promise<string> {
  const socketPath = socketOf(process.env.DOCKER_HOST);
  const [repo, tag] = ref.split(/:(?=[^:/]*$)/);
  const answer = (await new Docker({ socketPath }).getContainer(container).commit({ repo, tag, ...(change ? { changes: change } : {}) })) as { Id: string };
  return answer.Id.startsWith('sha256:') ? answer.Id : `sha256:${answer.Id}`;
}

/** `GET path` of the Engine API at DOCKER_HOST (a unix socket), parsed as JSON. */
export function engineGet<T>(apiPath: string): Promise<T> {
  const socketPath = socketOf(process.env.DOCKER_HOST);
  return new Promise((resolve, reject) => {
    http
      .get({ socketPath, path: apiPath }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => (res.statusCode === 200 ? resolve(JSON.parse(body) as T) : reject(new Error(`${apiPath}: HTTP ${res.statusCode} ${body}`))));
      })
      .on('error', reject);
  });
}

/**
 * `DELETE path` of the Engine API at DOCKER_HOST (a unix socket): resolves with the HTTP status (any), rejects
 * only when the socket cannot be reached. For cleanups the docker CLI cannot do (Podman's pods).
 */
export function engineDelete(apiPath: string): Promise<number> {
  const socketPath = socketOf(process.env.DOCKER_HOST);
  return new Promise((resolve, reject) => {
    http
      .request({ socketPath, path: apiPath, method: 'DELETE' }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      })
      .on('error', reject)
      .end();
  });
}

/** True when an engine answers `/_ping` on the unix socket in `host` within `timeoutMs`. */
export function engineAnswers(host = process.env.DOCKER_HOST, timeoutMs = 2000): Promise<boolean> {
  const socketPath = socketOf(host);
  if (!socketPath) return Promise.resolve(false);
  return new Promise((resolve) => {
    const req = http.get({ socketPath, path: '/_ping', timeout: timeoutMs }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.on('error', () => resolve(false));
    req.on('timeout', () => req.destroy());
  });
}

/** The reason an engine suite cannot run, or null when it can. Prints the reason so a skip is never silent. */
export async function engineMissing(): Promise<string | null> {
  // A busy machine (two cores, parallel suites) can keep dockerd from answering for seconds: three
  // tries, the last one patient, before a suite is skipped (or, in CI, failed).
  for (const wait of [2000, 5000, 15_000]) if (await engineAnswers(process.env.DOCKER_HOST, wait)) return null;
  const why = `no engine answers at DOCKER_HOST=${process.env.DOCKER_HOST ?? '(unset)'}; run the tests with \`npm test\`, which starts a private dockerd`;
  if (process.env.CI === 'true') throw new Error(`engine suites must run in CI: ${why}`);
  console.warn(`SKIPPING engine suite: ${why}`);
  return why;
}

/** Docker or Podman at DOCKER_HOST, as `docker version` names the server's components. */
export async function engineKind(): Promise<'docker' | 'podman'> {
  const components = await docker(['version', '--format', '{{range .Server.Components}}{{.Name}};{{end}}']);
  return /podman/i.test(components) ? 'podman' : 'docker';
}

/** The busybox test image scripts/test-image.sh builds into the private engine. */
export const TEST_IMAGE = 'berth-test/busybox:latest';

/** A unique container name for one test, so suites never collide. */
export function uniqueName(prefix: string): string {
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Resolve when `check` returns true, polling every 25 ms; reject after `timeoutMs`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 5000, what = 'condition'): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

/** The private registry scripts/registry.sh starts for the tests: host:port and its one log-in. */
export interface TestRegistry {
  host: string;
  username: string;
  password: string;
}

/**
 * The test registry (BERTH_TEST_REGISTRY), or null with the reason printed; under CI a missing registry
 * fails the suite instead.
 */
export function testRegistry(): TestRegistry | null {
  const host = process.env.BERTH_TEST_REGISTRY;
  if (host) return { host, username: process.env.BERTH_REGISTRY_USER ?? 'berth', password: process.env.BERTH_REGISTRY_PASSWORD ?? 'berth-secret' };
  const why = 'BERTH_TEST_REGISTRY is not set; run the tests with `npm test`, which starts a private registry';
  if (process.env.CI === 'true') throw new Error(`registry suites must run in CI: ${why}`);
  console.warn(`SKIPPING registry suite: ${why}`);
  return null;
}

/** Six commands that end within about a second, with their exit codes (issue #11's short-lived containers). */
export const SHORT_LIVED: readonly { cmd: string[]; code: number }[] = [
  { cmd: ['true'], code: 0 },
  { cmd: ['sh', '-c', 'sleep 1; exit 3'], code: 3 },
  { cmd: ['echo', 'hi'], code: 0 },
  { cmd: ['false'], code: 1 },
  { cmd: ['sh', '-c', 'exit 7'], code: 7 },
  { cmd: ['sh', '-c', 'sleep 0.5; exit 2'], code: 2 },
];

/** The private three-node swarm scripts/swarm.sh starts: the manager's and the workers' `unix://` addresses. */
export interface TestSwarm {
  manager: string;
  workers: string[];
}

/**
 * The test swarm (BERTH_TEST_SWARM_MANAGER, BERTH_TEST_SWARM_WORKERS), or null with the reason printed when it
 * is not set or its manager does not answer; under CI (`CI=true`) a missing swarm fails the suite instead.
 */
export async function testSwarm(): Promise<TestSwarm | null> {
  const manager = process.env.BERTH_TEST_SWARM_MANAGER;
  const workers = (process.env.BERTH_TEST_SWARM_WORKERS ?? '').split(',').filter(Boolean);
  let why: string | null = null;
  if (!manager) why = 'BERTH_TEST_SWARM_MANAGER is not set; run the tests with `npm test`, which starts a private swarm (scripts/swarm.sh)';
  else if (!(await engineAnswers(manager, 5000))) why = `the swarm manager at ${manager} does not answer`;
  if (!why) return { manager: manager!, workers };
  if (process.env.CI === 'true') throw new Error(`swarm suites must run in CI: ${why}`);
  console.warn(`SKIPPING swarm suite: ${why}`);
  return null;
}
