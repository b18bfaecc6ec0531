/**
 * The user's own Compose, found on PATH and pointed at Berth's engine: Berth does not reimplement Compose.
 * Looked for in the order people run them: `docker compose` (the v2 plugin), `docker-compose` (v1 or the
 * v2 standalone binary), and on a Podman engine `podman-compose` (which drives the `podman` CLI itself;
 * CONTAINER_HOST points that at the engine's socket, and the podman CLI then runs as a remote client of
 * it, never on a local store). `BERTH_COMPOSE` (`docker compose` | `docker-compose` | `podman-compose`)
 * chooses one: only that one is tried. The engine reaches them as the CLI expects it: `DOCKER_HOST` and TLS
 * settings (EngineHost.cliEnv).
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

/** The Composes Berth knows, in the order it looks for them (the values `BERTH_COMPOSE` takes). */
export const COMPOSE_NAMES = ['docker compose', 'docker-compose', 'podman-compose'] as const;
export type ComposeName = (typeof COMPOSE_NAMES)[number];

/**
 * What Berth would ask of a Compose that this one cannot do: `config` (no `config` command: podman-compose
 * 1.0.3), `profiles` (no `--profile`, and `profiles:` in a file ignored, so every service starts:
 * podman-compose before 1.1.0, docker-compose before 1.28.0), `env-file` (no global `--env-file`:
 * podman-compose 1.0.3, which reads the `.env` beside the first file by itself).
 */
export type ComposeFeature = 'config' | 'profiles' | 'env-file';

/** A Compose command line: the program and the arguments before Compose's own. */
export interface Compose {
  name: ComposeName;
  version: string;
  command: string[];
  /** What it cannot do (composeLacks). */
  lacks: ComposeFeature[];
}

/**
 * The environment for Compose: this process's, pointed at `engine` (`DOCKER_HOST` and TLS settings, and
 * `CONTAINER_HOST` for the podman CLI that podman-compose runs). `PYTHONUNBUFFERED` makes the Python
 * Composes (docker-compose 1.x, podman-compose) write each line as it happens, in order with the podman
 * commands' own messages, instead of at exit.
 */
export function composeEnv(engine: Engine): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...engine.host.cliEnv, PYTHONUNBUFFERED: '1' };
  const host = engine.host.cliEnv.DOCKER_HOST;
  if (host) env.CONTAINER_HOST = host;
  return env;
}

/**
 * The version in `compose version`'s output: the one on the line naming a Compose (podman-compose 1.0.3
 * prints podman's own version first: "using podman version: 4.3.1", then "podman-composer version 1.0.3"),
 * else the first version number.
 */
export function versionOf(text: string): string | undefined {
  return /compose\S*\s+version:?\s+v?(\d+\.\d+\.\d+[^\s,]*)/i.exec(text)?.[1] ?? /(\d+\.\d+\.\d+[^\s,]*)/.exec(text)?.[1];
}

/** -1, 0 or 1 as version `a` is below, at or above `b` (numeric `x.y.z`, anything after ignored). */
function compareVersions(a: string, b: string): number {
  const pa = a.split(/[.+-]/).slice(0, 3).map(Number);
  const pb = b.split(/[.+-]/).slice(0, 3).map(Number);
  for (let i = 0; i < 3; i++) if ((pa[i] ?? 0) !== (pb[i] ?? 0)) return (pa[i] ?? 0) < (pb[i] ?? 0) ? -1 : 1;
  return 0;
}

/**
 * What a Compose lacks (ComposeFeature), from its name, version and, for podman-compose, its `--help` text
 * (its commands and global options changed between releases: `config`, `--profile` and `--env-file`
 * are not in 1.0.3's).
 */
export function composeLacks(name: ComposeName, version: string, help = ''): ComposeFeature[] {
  if (name === 'podman-compose') {
    const commands = /\{([a-z,-]+)\}/.exec(help)?.[1]?.split(',') ?? [];
    return [
      ...(commands.includes('config') ? [] : (['config'] as const)),
      ...(/--profile\b/.test(help) ? [] : (['profiles'] as const)),
      ...(/--env-file\b/.test(help) ? [] : (['env-file'] as const)),
    ];
  }
  // Compose v1 took profiles in 1.28.0; every Compose v2 has them.
  if (name === 'docker-compose' && compareVersions(version, '1.28.0') < 0) return ['profiles'];
  return [];
}

const INSTALL_HINT: Record<ComposeName, string> = {
  'docker compose': 'the docker compose plugin (docker-compose-plugin)',
  'docker-compose': 'docker-compose (Debian/Ubuntu: sudo apt install docker-compose)',
  'podman-compose': 'podman-compose (Debian/Ubuntu: sudo apt install podman-compose)',
};

/**
 * The Compose to use for `engine`, or null. `BERTH_COMPOSE` in `env` names the only one to try.
 * @returns `found` and, when none is, a `hint`: what to install, or why the chosen one cannot be used
 *   (an unknown `BERTH_COMPOSE`, podman-compose on a Docker engine, the chosen one not answering).
 */
export async function findCompose(engine: Engine, env: NodeJS.ProcessEnv = process.env): Promise<{ found: Compose | null; hint: string | null }> {
  const kind = await engine.kind().catch(() => 'docker' as const);
  const chosen = env.BERTH_COMPOSE?.trim().replace(/\s+/g, ' ');
  if (chosen && !(COMPOSE_NAMES as readonly string[]).includes(chosen)) {
    return { found: null, hint: `BERTH_COMPOSE is "${chosen}": set it to one of ${COMPOSE_NAMES.map((n) => `"${n}"`).join(', ')}, or unset it to use the first Compose found on PATH.` };
  }
  if (chosen === 'podman-compose' && kind !== 'podman') {
    return { found: null, hint: 'BERTH_COMPOSE is "podman-compose", which drives the podman CLI and needs a Podman engine; this engine is Docker: choose "docker compose" or "docker-compose", or unset BERTH_COMPOSE.' };
  }
  const all: { name: ComposeName; command: string[] }[] = [
    { name: 'docker compose', command: ['docker', 'compose'] },
    { name: 'docker-compose', command: ['docker-compose'] },
    ...(kind === 'podman' ? [{ name: 'podman-compose' as const, command: ['podman-compose'] }] : []),
  ];
  const candidates = chosen ? all.filter((c) => c.name === chosen) : all;
  const childEnv = { ...composeEnv(engine), PATH: env.PATH };
  for (const c of candidates) {
    try {
      const { stdout, stderr } = await run(c.command[0]!, [...c.command.slice(1), 'version'], { env: childEnv, timeout: QUICK_MS });
      const version = versionOf(`${stdout}\n${stderr}`);
      if (!version) continue;
      const help = c.name === 'podman-compose' ? await run(c.command[0]!, ['--help'], { env: childEnv, timeout: QUICK_MS }).then((r) => r.stdout, () => '') : '';
      return { found: { name: c.name, version, command: c.command, lacks: composeLacks(c.name, version, help) }, hint: null };
    } catch {
      // not this one
    }
  }
  if (chosen) return { found: null, hint: `BERTH_COMPOSE is "${chosen}", but \`${chosen} version\` did not answer: install ${INSTALL_HINT[chosen as ComposeName]}, or unset BERTH_COMPOSE.` };
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

/** A Compose run that ended non-zero: its exit code and its last output, for callers that explain it. */
export class ComposeFailed extends BerthError {
  constructor(
    message: string,
    readonly code: number | null,
    readonly output: string,
  ) {
    super('EngineError', message);
  }
}

/** Characters of stdout kept with `stdoutOnly` (a resolved configuration), 4 MiB. */
const STDOUT_KEPT = 4 << 20;
/** Global options that take a value, left out when a failure names the command. */
const VALUED = new Set(['-f', '--file', '-p', '--project-name', '--profile', '--env-file', '--project-directory']);

/** The Compose command and its first argument, for messages: `up -d`, `config`, `down --volumes`. */
export function commandOf(args: readonly string[]): string {
  const words: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (VALUED.has(args[i]!)) i++;
    else words.push(args[i]!);
  }
  return words.slice(0, 2).join(' ');
}

/**
 * Run Compose to its end, handing each output line (stdout and stderr, each split on its own) to `onLine`.
 * Compose runs in a process group of its own, so when `signal` aborts the group gets SIGTERM: the podman
 * commands podman-compose started go with it.
 * `stdoutOnly` answers stdout alone (up to 4 MiB; `config`'s YAML without the warnings on stderr);
 * `timeoutMs` stops Compose after that long (ms).
 * @throws BerthError `Cancelled` when `signal` aborted, `Timeout`, `ValidationError` (stdout over 4 MiB),
 *   `Unsupported` when Compose cannot be started, or ComposeFailed (`EngineError`) with Compose's last
 *   output when it exits non-zero.
 */
export function runCompose(
  compose: Compose,
  args: string[],
  o: { env: NodeJS.ProcessEnv; cwd?: string; signal?: AbortSignal; onLine?(line: string): void; stdoutOnly?: boolean; timeoutMs?: number },
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(compose.command[0]!, [...compose.command.slice(1), ...args], { env: o.env, cwd: o.cwd, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let out = '';
    // With stdoutOnly (`config`: the YAML, without the warnings Compose prints on stderr), up to STDOUT_KEPT characters.
    let stdoutText = '';
    let tooLong = false;
    let timedOut = false;
    const reader = () => {
      let partial = '';
      return {
        take(chunk: Buffer) {
          const text = partial + chunk.toString('utf8');
          const lines = text.split(/\r?\n|\r/);
          partial = lines.pop() ?? '';
          for (const l of lines) if (l.trim()) o.onLine?.(l);
          out = (out + chunk.toString('utf8')).slice(-OUTPUT_KEPT * 4);
        },
        end() {
          if (partial.trim()) o.onLine?.(partial);
          partial = '';
        },
      };
    };
    const stdout = reader();
    const stderr = reader();
    if (o.stdoutOnly)
      child.stdout.on('data', (chunk: Buffer) => {
        if (stdoutText.length + chunk.length > STDOUT_KEPT) {
          tooLong = true;
          kill();
        } else stdoutText += chunk.toString('utf8');
      });
    child.stdout.on('data', stdout.take);
    child.stderr.on('data', stderr.take);
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGTERM');
      } catch {
        child.kill('SIGTERM');
      }
    };
    o.signal?.addEventListener('abort', kill, { once: true });
    if (o.signal?.aborted) kill();
    const timer = o.timeoutMs
      ? setTimeout(() => {
          timedOut = true;
          kill();
        }, o.timeoutMs)
      : undefined;
    child.once('error', (err) => reject(new BerthError('Unsupported', `${compose.name} could not be started: ${err.message}`)));
    child.once('close', (code) => {
      o.signal?.removeEventListener('abort', kill);
      clearTimeout(timer);
      stdout.end();
      stderr.end();
      if (o.signal?.aborted) return reject(new BerthError('Cancelled', 'cancelled'));
      if (timedOut) return reject(new BerthError('Timeout', `${compose.name} ${commandOf(args)} took longer than ${Math.round(o.timeoutMs! / 1000)} s and was stopped`));
      if (tooLong) return reject(new BerthError('ValidationError', `${compose.name} ${commandOf(args)} printed more than ${STDOUT_KEPT / (1 << 20)} MiB and was stopped: is the compose file that large?`));
      if (code === 0) return resolve(o.stdoutOnly ? stdoutText : out);
      reject(new ComposeFailed(`${compose.name} ${commandOf(args)} failed (${code}): ${out.trim().slice(-OUTPUT_KEPT) || 'no output'}`, code, out));
    });
  });
}

/** How the engine is watched while Compose runs (watchEngine): a ping every `everyMs`, each given `timeoutMs`; lost after `misses` in a row. */
export const ENGINE_WATCH = { everyMs: 2000, timeoutMs: 4000, misses: 3 };

/**
 * Watch the engine while Compose runs, so a Compose stuck on an engine that no longer answers (Compose
 * v1 waits 60 s per request, and retries) is stopped instead of hanging the task: `ping` every
 * `everyMs`, each aborted after `timeoutMs`; after `misses` failures in a row `onLost(lastError)` is called
 * once and watching stops.
 * @returns a function that stops watching.
 */
export function watchEngine(ping: (signal: AbortSignal) => Promise<unknown>, onLost: (err: unknown) => void, o: typeof ENGINE_WATCH = ENGINE_WATCH): () => void {
  let stopped = false;
  let missed = 0;
  let timer: NodeJS.Timeout | undefined;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      ping(AbortSignal.timeout(o.timeoutMs)).then(
        () => {
          missed = 0;
          next();
        },
        (err: unknown) => {
          if (stopped) return;
          if (++missed < o.misses) return next();
          stopped = true;
          onLost(err);
        },
      );
    }, o.everyMs);
    timer.unref();
  };
  next();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
