/**
 * The user's own Compose, found on PATH and pointed at Berth's engine: Berth does not reimplement Compose.
 * Looked for in the order people run them: `docker compose` (the v2 plugin), `docker-compose` (v1 or the
 * v2 standalone binary), and on a Podman engine `podman-compose` (which drives the `podman` CLI itself;
 * CONTAINER_HOST points that at the engine's socket). The engine reaches them as the CLI expects it:
 * `DOCKER_HOST` and TLS settings (EngineHost.cliEnv).
 */
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import type { ComposeSpec } from '../../shared/stacks';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';

const run = promisify(execFile);
/** Time allowed for `compose version` and `compose config`, ms. */
const QUICK_MS = 30_000;
/** Characters of a failed command's output kept for its error message. */
const OUTPUT_KEPT = 4000;

/** A Compose command line: the program and the arguments before Compose's own. */
export interface Compose {
  name: 'docker compose' | 'docker-compose' | 'podman-compose';
  version: string;
  command: string[];
}

/** The environment for Compose: this process's, pointed at `engine`. */
export function composeEnv(engine: Engine): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...engine.host.cliEnv };
  const host = engine.host.cliEnv.DOCKER_HOST;
  if (host) env.CONTAINER_HOST = host;
  return env;
}

/** The first line of `compose version` with a version number in it. */
function versionOf(text: string): string | undefined {
  return /(\d+\.\d+\.\d+[^\s,]*)/.exec(text)?.[1];
}

/**
 * The Compose to use for `engine`, or null.
 * @returns `found` and, when none is, a `hint` naming what to install.
 */
export async function findCompose(engine: Engine): Promise<{ found: Compose | null; hint: string | null }> {
  const kind = await engine.kind().catch(() => 'docker' as const);
  const env = composeEnv(engine);
  const candidates: { name: Compose['name']; command: string[] }[] = [
    { name: 'docker compose', command: ['docker', 'compose'] },
    { name: 'docker-compose', command: ['docker-compose'] },
    ...(kind === 'podman' ? [{ name: 'podman-compose' as const, command: ['podman-compose'] }] : []),
  ];
  for (const c of candidates) {
    try {
      const { stdout, stderr } = await run(c.command[0]!, [...c.command.slice(1), 'version'], { env, timeout: QUICK_MS });
      const version = versionOf(`${stdout}\n${stderr}`);
      if (version) return { found: { name: c.name, version, command: c.command }, hint: null };
    } catch {
      // not this one
    }
  }
  return {
    found: null,
    hint:
      kind === 'podman'
        ? 'No Compose found: install podman-compose (Debian/Ubuntu: sudo apt install podman-compose) or the docker compose plugin.'
        : 'No Compose found: install the docker compose plugin (docker-compose-plugin) or docker-compose (Debian/Ubuntu: sudo apt install docker-compose).',
  };
}

/** Compose's global arguments for a spec: files, project, profiles, env file. */
export function composeArgs(spec: ComposeSpec): string[] {
  return [
    ...spec.files.flatMap((f) => ['-f', f]),
    ...(spec.project ? ['-p', spec.project] : []),
    ...(spec.profiles ?? []).flatMap((p) => ['--profile', p]),
    ...(spec.envFile ? ['--env-file', spec.envFile] : []),
  ];
}

/**
 * Run Compose to its end, handing each output line to `onLine`; the child is killed when `signal` aborts.
 * @throws BerthError `Cancelled`, or `EngineError` with Compose's last output when it exits non-zero.
 */
export function runCompose(compose: Compose, args: string[], o: { env: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal; onLine?(line: string): void }): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(compose.command[0]!, [...compose.command.slice(1), ...args], { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let partial = '';
    const take = (chunk: Buffer) => {
      const text = partial + chunk.toString('utf8');
      const lines = text.split(/\r?\n|\r/);
      partial = lines.pop() ?? '';
      for (const l of lines) if (l.trim()) o.onLine?.(l);
      out = (out + chunk.toString('utf8')).slice(-OUTPUT_KEPT * 4);
    };
    child.stdout.on('data', take);
    child.stderr.on('data', take);
    const kill = () => child.kill('SIGTERM');
    o.signal?.addEventListener('abort', kill, { once: true });
    child.once('error', (err) => reject(new BerthError('Unsupported', `${compose.name} could not be started: ${err.message}`)));
    child.once('close', (code) => {
      o.signal?.removeEventListener('abort', kill);
      if (partial.trim()) o.onLine?.(partial);
      if (o.signal?.aborted) return reject(new BerthError('Cancelled', 'cancelled'));
      if (code === 0) return resolve(out);
      reject(new BerthError('EngineError', `${compose.name} ${args.filter((a) => !a.startsWith('/')).slice(-2).join(' ')} failed (${code}): ${out.trim().slice(-OUTPUT_KEPT) || 'no output'}`));
    });
  });
}
