/**
 * Start Berth's serve mode (`node out/main/serve.js`, built by `npm run build`) as a person would, and
 * read the one line it prints with the URL and token.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface Serving {
  /** URL with `#token=` as printed. */
  url: string;
  /** `http://127.0.0.1:P` */
  origin: string;
  token: string;
  /** The DOCKER_CONFIG folder serve mode keeps registry log-ins in (a temporary one of its own). */
  dockerConfig: string;
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/**
 * Node flags serve mode runs with (package.json `serve`): a 2 MB young-generation semi-space. Layer
 * analysis streams gigabytes through short-lived buffers; with V8's default (up to 16 MB) peak RSS on a
 * 1 GB / 200,000-file image was ~245 MiB, with 2 MB ~190 MiB, at no measured cost in time (bench/layers).
 */
export const SERVE_NODE_FLAGS = ['--max-semi-space-size=2'];

export interface ServeStart {
  dockerHost?: string;
  token?: string;
  port?: number;
  dockerConfig?: string;
  env?: Record<string, string>;
  /** Run electron/serve.ts through tsx instead of the build (integration tests: no build needed). */
  fromSource?: boolean;
  /** More arguments for serve mode itself (e.g. `--allow-weak-token`). */
  args?: string[];
  /** More node flags, just before the script (e.g. `--import` of a test module; tsx is loaded first). */
  nodeArgs?: string[];
}

/** @throws when serve mode exits or prints no URL within 15 s. */
export function startServe(opts: ServeStart = {}): Promise<Serving> {
  // Serve mode refuses tokens shorter than 32 characters (unless --allow-weak-token).
  const token = opts.token ?? `e2e-${crypto.randomBytes(24).toString('base64url')}`;
  // A cache of its own unless one is given, so runs never see a user's (or a previous run's) analyses.
  const cacheDir = process.env.BERTH_CACHE_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-cache-'));
  // Log-ins of its own too: tests never read or write a user's ~/.docker/config.json.
  const dockerConfig = opts.dockerConfig ?? fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-dockercfg-'));
  // The same V8 flag as `npm run serve` (see SERVE_NODE_FLAGS).
  const script = opts.fromSource ? ['--import', 'tsx', ...(opts.nodeArgs ?? []), path.join(ROOT, 'electron/serve.ts')] : [...(opts.nodeArgs ?? []), path.join(ROOT, 'out/main/serve.js')];
  const child = spawn(process.execPath, [...SERVE_NODE_FLAGS, ...script, '--port', String(opts.port ?? 0), ...(opts.args ?? [])], {
    env: { ...process.env, DOCKER_HOST: opts.dockerHost ?? process.env.DOCKER_HOST, BERTH_TOKEN: token, BERTH_CACHE_DIR: cacheDir, DOCKER_CONFIG: dockerConfig, BERTH_STATE_DIR: path.join(dockerConfig, 'berth-state'), ...opts.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // `--import tsx` (fromSource) resolves from here.
    cwd: ROOT,
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve mode printed no URL in 15 s:\n${output}`)), 15_000);
    const onData = () => {
      const m = /(http:\/\/127\.0\.0\.1:\d+)\/#token=(\S+)/.exec(output);
      if (!m) return;
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      resolve({
        url: m[0],
        origin: m[1],
        token,
        dockerConfig,
        child,
        output: () => output,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
      });
    };
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`serve mode exited with ${code}:\n${output}`));
    });
  });
}
