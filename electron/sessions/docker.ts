/**
 * Session sources on the engine: a hijacked `POST /containers/{id}/attach` and an exec with a TTY
 * (`POST /exec/{id}/start`). With a TTY both are raw streams; an attach to a container without one (as
 * `docker attach` allows) is multiplexed (8-byte frame headers, engine/frames.ts) and has no TTY to turn
 * its bare line feeds into CR LF, so both are undone here for the terminal.
 * Engine quirks handled here (docs/ARCHITECTURE.md): Podman feeds an attach request's JSON body into the container's
 * stdin, so attach sends no body; Podman answers resize with 201; Podman's exec inspect may say
 * `ExitCode: 0` while `Running: true`, so `Running` is read first.
 */
import type { Duplex } from 'node:stream';
import { DETACH_KEYS } from '../../shared/sessions';
import type { TerminalSize } from '../../shared/run';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import { hijack } from '../engine/hijack';
import { dial } from '../engine/dial';
import { FrameDemuxer } from '../engine/frames';

/** How a session ended. */
export interface Outcome {
  state: 'exited' | 'detached' | 'failed';
  exitCode?: number | null;
  message?: string;
}

/** What a session reads from and writes to. */
export interface SessionSource {
  /** TTY output (bytes, or text already decoded). */
  onData(listener: (chunk: Buffer | string) => void): void;
  /** Called once when the output ends (the process ended or the stream closed), with the stream's error if any. */
  onEnd(listener: (err?: Error) => void): void;
  /** Stop reading output (flow control). */
  pause(): void;
  resume(): void;
  /** Send input; resolves once it is written out (the TTY's backpressure), never rejects. */
  write(data: string): Promise<void>;
  /** @throws BerthError when the engine refuses. */
  resize(size: TerminalSize): Promise<void>;
  /** Close the stream (detach); the process is left alone where the engine allows it. */
  close(): void;
  /** After `output` ended: what happened to the process. */
  outcome(streamError?: Error): Promise<Outcome>;
}

const RESIZE_OK = { 200: true, 201: true, 404: 'no such object', 500: 'server error' } as const;

/** How long to wait, after the stream closes, for the container's exit to be reported, ms. */
const EXIT_GRACE_MS = 1500;

function socketSource(socket: Duplex): Pick<SessionSource, 'onData' | 'onEnd' | 'pause' | 'resume' | 'write' | 'close'> {
  return {
    onData: (listener) => socket.on('data', listener),
    onEnd: (listener) => {
      let error: Error | undefined;
      socket.on('error', (e) => (error = e));
      socket.once('close', () => listener(error));
    },
    pause: () => socket.pause(),
    resume: () => socket.resume(),
    write: (data) =>
      new Promise<void>((resolve) => {
        if (socket.destroyed) return resolve();
        // Resolved once the socket has handed the bytes to the OS (or failed): a full TTY (an application
        // not reading its input) holds the answer back, which paces a long paste (shared/sessions.ts `input`).
        socket.write(Buffer.from(data, 'utf8'), () => resolve());
      }),
    close: () => socket.destroy(),
  };
}

/** What a terminal needs to know of a container: its TTY and whether it keeps stdin open (`-i`). */
export interface ContainerTerminal {
  id: string;
  name: string;
  tty: boolean;
  /** `OpenStdin` (`-i`): input can be attached; without it an attach is read-only. */
  stdin: boolean;
  running: boolean;
  command: string;
  autoRemove: boolean;
}

/** What the container was started with, for the tab and for how to attach (TTY or multiplexed, stdin or not). */
export async function containerTerminal(engine: Engine, id: string): Promise<ContainerTerminal> {
  const info = await engine.call((d) => d.getContainer(id).inspect());
  return {
    id: info.Id,
    name: info.Name.replace(/^\//, ''),
    tty: info.Config.Tty,
    stdin: Boolean(info.Config.OpenStdin),
    running: info.State.Running,
    command: [info.Path, ...(info.Args ?? [])].join(' '),
    autoRemove: Boolean(info.HostConfig?.AutoRemove),
  };
}

/** Bare line feeds as CR LF, bytewise (0x0A never occurs inside a UTF-8 sequence), for output no TTY translated. */
export function crlf(bytes: Buffer): Buffer {
  return Buffer.from(bytes.toString('latin1').replace(/\r?\n/g, '\r\n'), 'latin1');
}

/**
 * A container's output without a TTY as a terminal shows it: stdout and stderr frames in the order they
 * came (as `docker attach` writes them to one terminal), line feeds as CR LF.
 * @throws Error from `write` on a stream that is not multiplexed.
 */
export function untermed(onText: (bytes: Buffer) => void): FrameDemuxer {
  return new FrameDemuxer((_stream, payload) => onText(crlf(payload)));
}

/** How to attach: the container's TTY (raw stream) or not (multiplexed), and whether to attach stdin. */
export interface AttachMode {
  tty: boolean;
  stdin: boolean;
}

/**
 * Hijack the container's attach stream (stdout, stderr, and stdin unless `mode.stdin` is false; detach
 * keys Ctrl-P Ctrl-Q) and start waiting for its next exit. Call before `start` for a new container so
 * that nothing it prints is missed. Without a TTY the output is demultiplexed and resize does nothing.
 * @throws BerthError `NotFound`, `EngineError`.
 */
export async function attachSource(engine: Engine, id: string, mode: AttachMode = { tty: true, stdin: true }): Promise<SessionSource> {
  const query = new URLSearchParams({ stream: '1', stdin: mode.stdin ? '1' : '0', stdout: '1', stderr: '1', detachKeys: DETACH_KEYS });
  const socket = await hijack(engine.host, `/containers/${encodeURIComponent(id)}/attach?${query}`);
  const abort = new AbortController();
  const exited = dial<{ StatusCode: number }>(engine.streams, {
    path: `/containers/${id}/wait`,
    method: 'POST',
    query: { condition: 'next-exit' },
    statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
    signal: abort.signal,
  });
  exited.catch(() => undefined);
  const raw = socketSource(socket);
  return {
    ...raw,
    // Without a TTY nothing maps Enter's CR to the LF a program reads lines by: do what a terminal in
    // cooked mode does for `docker attach` (ICRNL).
    ...(mode.tty ? {} : { onData: demuxed(raw.onData), write: (data: string) => raw.write(data.replace(/\r\n?/g, '\n')) }),
    resize: async (size) => {
      if (!mode.tty) return;
      await dial(engine.streams, { path: `/containers/${id}/resize`, method: 'POST', query: { h: size.rows, w: size.cols }, statusCodes: RESIZE_OK }).catch((e) => {
        throw toBerthError(e, engine.host.display);
      });
    },
    outcome: async (streamError) => {
      const timeout = new Promise<'timeout'>((r) => setTimeout(() => r('timeout'), EXIT_GRACE_MS).unref());
      const result = await Promise.race([exited.then((w) => w, (e: Error) => e), timeout]);
      abort.abort();
      if (result === 'timeout') {
        if (streamError) return { state: 'failed', message: `the stream broke: ${streamError.message}` };
        return { state: 'detached', message: 'detached; the container is still running' };
      }
      if (result instanceof Error) return { state: 'failed', message: `lost the engine: ${toBerthError(result, engine.host.display).message}` };
      return { state: 'exited', exitCode: result.StatusCode };
    },
  };
}

/** `onData` of a multiplexed stream, handing on its frames' payloads as terminal text (untermed). */
function demuxed(onData: SessionSource['onData']): SessionSource['onData'] {
  return (listener) => {
    const demux = untermed(listener);
    let framed = true;
    onData((chunk) => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      if (!framed) return listener(bytes);
      try {
        demux.write(bytes);
      } catch (err) {
        // Not multiplexed after all (an engine that sends raw output): show it as it comes, and say so once.
        framed = false;
        listener(Buffer.from(`\r\n[Berth: ${(err as Error).message}; showing the raw stream]\r\n`));
        listener(bytes);
      }
    });
  };
}

/** The shell Berth opens when none is asked for: bash where the image has it, else sh. */
export const DEFAULT_SHELL = ['/bin/sh', '-c', 'if command -v bash >/dev/null 2>&1; then exec bash; else exec sh; fi'];

/**
 * Exec a command with a TTY in a running container (`docker exec -it`), detach keys Ctrl-P Ctrl-Q.
 * @throws BerthError `Conflict` when the container is not running, `NotFound`.
 */
export async function execSource(engine: Engine, id: string, command: string[]): Promise<SessionSource> {
  const exec = await engine.call((d) =>
    d.getContainer(id).exec({
      Cmd: command,
      AttachStdin: true,
      AttachStdout: true,
      AttachStderr: true,
      Tty: true,
      DetachKeys: DETACH_KEYS,
      Env: ['TERM=xterm-256color', 'COLORTERM=truecolor'],
    }),
  );
  const socket = await hijack(engine.host, `/exec/${exec.id}/start`, { Detach: false, Tty: true });
  return {
    ...socketSource(socket),
    resize: async (size) => {
      await dial(engine.streams, { path: `/exec/${exec.id}/resize`, method: 'POST', query: { h: size.rows, w: size.cols }, statusCodes: RESIZE_OK }).catch((e) => {
        throw toBerthError(e, engine.host.display);
      });
    },
    outcome: async (streamError) => {
      try {
        const info = await engine.call((d) => d.getExec(exec.id).inspect());
        if (info.Running) return { state: 'detached', message: 'detached; the process is still running' };
        return { state: 'exited', exitCode: info.ExitCode ?? null };
      } catch (err) {
        const reason = err instanceof BerthError ? err.message : String(err);
        return { state: 'failed', message: `lost the engine${streamError ? ` (${streamError.message})` : ''}: ${reason}` };
      }
    },
  };
}
