/**
 * ssh:// engines, reached as the Docker CLI reaches them (docker/cli `cli/connhelper/ssh`): the system
 * `ssh` runs `docker system dial-stdio` on the remote host, and that command's stdin/stdout carry the
 * Engine API. Using the system client keeps the person's `~/.ssh/config`, known_hosts and agent.
 *
 * One SSH connection serves every request: OpenSSH multiplexing (`ControlMaster=auto`, a control socket
 * per target, `ControlPersist`) makes each further `ssh` a channel on the first connection, and an HTTP
 * keep-alive agent keeps dial-stdio streams open between requests.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Duplex, PassThrough } from 'node:stream';
import { BerthError } from './errors';

/** Where an ssh:// engine is. */
export interface SshTarget {
  user?: string;
  host: string;
  port?: number;
  /** A private key file (`ssh -i`); otherwise the agent and ssh's own configuration decide. */
  identityFile?: string;
}

/** How long the shared SSH connection outlives its last channel, s (`ControlPersist`). */
const CONTROL_PERSIST_S = 120;
/** `ssh -o ConnectTimeout`, s. */
const CONNECT_TIMEOUT_S = 10;

/**
 * Parse `ssh://[user@]host[:port]` (no path: as the CLI, which refuses one).
 * @throws BerthError `ValidationError` for anything else.
 */
export function parseSshUrl(url: string): SshTarget {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new BerthError('ValidationError', `not an ssh:// address: ${url}`);
  }
  if (u.protocol !== 'ssh:' || !u.hostname) throw new BerthError('ValidationError', `not an ssh:// address: ${url} (expected ssh://user@host[:port])`);
  if (u.pathname && u.pathname !== '/') throw new BerthError('ValidationError', `ssh:// addresses take no path: ${url}`);
  return {
    host: u.hostname,
    ...(u.username ? { user: decodeURIComponent(u.username) } : {}),
    ...(u.port ? { port: Number(u.port) } : {}),
  };
}

/** The folder of the control sockets: short (a unix socket path has ~104 bytes), private to this user. */
function controlDir(): string {
  const dir = path.join(os.tmpdir(), `berth-ssh-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  return dir;
}

/**
 * The control socket of `t`'s shared connection: ssh's `%C` (a hash of local host, host, port and user) plus
 * the key file, since `%C` does not cover the key: without it an engine added with a key the server refuses
 * rode the connection another key had opened, and was shown reachable.
 */
function controlPath(t: SshTarget): string {
  const key = t.identityFile ? createHash('sha256').update(path.resolve(t.identityFile)).digest('hex').slice(0, 12) : 'default';
  return path.join(controlDir(), `%C-${key}`);
}

/**
 * The `ssh` arguments that run `command` on the target through the shared connection; `control` are
 * options of ssh itself (`-O check`, `-O exit`: asking the shared connection's master).
 * `BERTH_SSH_CONFIG` names an ssh_config file used instead of `~/.ssh/config` (`ssh -F`).
 */
export function sshArgs(t: SshTarget, command: string[], env: NodeJS.ProcessEnv = process.env, control: string[] = []): string[] {
  return [
    ...(env.BERTH_SSH_CONFIG ? ['-F', env.BERTH_SSH_CONFIG] : []),
    '-T',
    ...control,
    '-o', 'BatchMode=yes',
    '-o', `ConnectTimeout=${CONNECT_TIMEOUT_S}`,
    '-o', 'ControlMaster=auto',
    '-o', `ControlPath=${controlPath(t)}`,
    '-o', `ControlPersist=${CONTROL_PERSIST_S}`,
    ...(t.identityFile ? ['-i', t.identityFile, '-o', 'IdentitiesOnly=yes'] : []),
    ...(t.port ? ['-p', String(t.port)] : []),
    ...(t.user ? ['-l', t.user] : []),
    '--',
    t.host,
    ...command,
  ];
}

/** `user@host:port` for messages. */
export function sshDisplay(t: SshTarget): string {
  return `ssh://${t.user ? `${t.user}@` : ''}${t.host}${t.port ? `:${t.port}` : ''}`;
}

/** The last 2,000 characters ssh wrote to stderr, read when it has failed. */
function stderrTail(child: ChildProcess): () => string {
  let text = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (s: string) => (text = (text + s).slice(-2000)));
  return () => text;
}

/** ssh could not run at all, or ended with `code` having said `stderr`. */
function sshFailure(t: SshTarget, failure: Error | { stderr: string; code: number }): BerthError {
  return new BerthError(
    'EngineUnreachable',
    failure instanceof Error ? `could not run ssh for ${sshDisplay(t)}: ${failure.message}` : `SSH to ${sshDisplay(t)} failed: ${explainSsh(failure.stderr, failure.code)}`,
  );
}

/**
 * One dial-stdio stream as a socket http.Agent can use. The few socket methods Node's HTTP client calls
 * (`setTimeout`, `setNoDelay`, `setKeepAlive`, `ref`, `unref`) are provided; `setTimeout` counts idle time
 * between reads. The ssh process ends with the stream; its stderr becomes the error when it fails.
 */
export function dialStdio(t: SshTarget, env: NodeJS.ProcessEnv = process.env): Duplex {
  const child = spawn('ssh', sshArgs(t, ['docker', 'system', 'dial-stdio'], env), { stdio: ['pipe', 'pipe', 'pipe'] });
  // The stream ends when ssh has exited, not when its stdout closes: a failed ssh then fails the
  // request with ssh's reason instead of a bare "socket hang up".
  const readable = new PassThrough();
  child.stdout.pipe(readable, { end: false });
  // Writes go through a PassThrough too: a write after ssh died (EPIPE) must not beat ssh's own reason.
  const writable = new PassThrough();
  writable.pipe(child.stdin);
  const socket = Duplex.from({ readable, writable }) as Duplex & Record<string, unknown>;
  const stderr = stderrTail(child);
  // Errors are reported through `socket` (to its HTTP request); an idle pooled stream has no request.
  for (const s of [child.stdin, child.stdout, child.stderr, readable, writable, socket]) s.on('error', () => {});
  child.on('error', (err) => socket.destroy(sshFailure(t, err)));
  child.on('close', (code) => {
    if (code && !socket.destroyed) socket.destroy(sshFailure(t, { stderr: stderr(), code }));
    else readable.end();
  });
  socket.on('close', () => child.exitCode === null && child.kill());
  let idle: NodeJS.Timeout | null = null;
  let idleMs = 0;
  const arm = () => {
    if (idle) clearTimeout(idle);
    idle = idleMs > 0 ? setTimeout(() => socket.emit('timeout'), idleMs) : null;
  };
  child.stdout.on('data', arm);
  // As net.Socket: a callback joins 'timeout' once, and is taken off again by setTimeout(0, callback).
  socket.setTimeout = (ms: number, cb?: () => void) => {
    idleMs = ms;
    if (cb) {
      if (ms === 0) socket.removeListener('timeout', cb);
      else socket.once('timeout', cb);
    }
    arm();
    return socket;
  };
  socket.on('close', () => idle && clearTimeout(idle));
  for (const name of ['setNoDelay', 'setKeepAlive', 'ref', 'unref']) socket[name] = () => socket;
  return socket;
}

/** ssh's last words, made readable: the refused key, the unknown host, what the remote lacks. */
export function explainSsh(stderr: string, code: number): string {
  const lines = stderr.split('\n').map((l) => l.trim()).filter((l) => l && !/^Warning: Permanently added/.test(l));
  const text = lines.join(' ') || `ssh exited with status ${code}`;
  if (/Permission denied/.test(text)) return `${text} — the server refused the key (check the key file or ssh-agent)`;
  if (/Host key verification failed/.test(text)) return `${text} — the host is not in known_hosts: connect once with ssh to accept its key`;
  if (/command not found|docker: not found/.test(text)) return `${text} — the remote host needs the docker CLI (docker system dial-stdio)`;
  return text;
}

/**
 * Open (or find) the shared SSH connection: `ssh -O check` asks for a running master; otherwise `ssh HOST
 * true` becomes one, left in the background by ControlPersist once `true` has run. Done once before the first stream, so requests made at the same time
 * do not each become a master of their own (two connections).
 * @throws BerthError `EngineUnreachable` with ssh's reason.
 */
export async function openMaster(t: SshTarget, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const run = (args: string[]) =>
    new Promise<{ code: number; stderr: string }>((resolve, reject) => {
      const child = spawn('ssh', args, { stdio: ['ignore', 'ignore', 'pipe'] });
      const stderr = stderrTail(child);
      child.on('error', (err) => reject(sshFailure(t, err)));
      child.on('exit', (code) => resolve({ code: code ?? 1, stderr: stderr() }));
    });
  if ((await run(sshArgs(t, [], env, ['-O', 'check']))).code === 0) return;
  // No master yet: a trivial remote command makes this ssh the master, which ControlPersist keeps after it.
  const started = await run(sshArgs(t, ['true'], env));
  if (started.code !== 0) throw sshFailure(t, started);
}

/** Close the shared SSH connection to `t` now (`ssh -O exit`), instead of after ControlPersist. Never throws. */
export function closeMaster(t: SshTarget, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  return new Promise((resolve) => {
    const child = spawn('ssh', sshArgs(t, [], env, ['-O', 'exit']), { stdio: 'ignore' });
    child.on('error', () => resolve());
    child.on('exit', () => resolve());
  });
}

/** An HTTP agent whose connections are dial-stdio streams over the target's shared SSH connection. */
export function sshAgent(t: SshTarget, env: NodeJS.ProcessEnv = process.env): http.Agent {
  const agent = new http.Agent({ keepAlive: true, maxFreeSockets: 4 });
  let master: Promise<void> | null = null;
  // Node's Agent accepts a createConnection that answers through its callback.
  (agent as unknown as { createConnection: (o: unknown, cb: (err: Error | null, s?: Duplex) => void) => void }).createConnection = (_o, cb) => {
    master ??= openMaster(t, env);
    master.then(
      () => {
        const socket = dialStdio(t, env);
        socket.once('error', () => (master = null)); // the master may be gone: open it again next time
        cb(null, socket);
      },
      (err: Error) => {
        master = null;
        cb(err);
      },
    );
  };
  return agent;
}
