/**
 * `docker logs [-f] [--tail N] [--since T]` for the Logs view: each follower reads one engine stream
 * (multiplexed unless the container has a TTY), splits it into lines and sends them on the `logs` topic in
 * bounded batches (shared/logs.ts). `save` writes a container's whole log to a file, `saveMerged` several
 * containers' logs as one in time order (a stack's, as `docker compose logs` prints them).
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import { pipeline } from 'node:stream/promises';
import type { z } from 'zod';
import { LOG_BATCH_LINES, LOG_BATCH_MS, type LogEvent, type LogLine, type LogsFollowArgs, type LogsSaveArgs } from '../../shared/logs';
import { Readable, Transform } from 'node:stream';
import type { Engine } from '../engine/engine';
import { BerthError, toBerthError } from '../engine/errors';
import { logReader } from './demux';
import { BacklogTail } from './tail';
import { LogSubscriber } from './fanout';
import { OPEN_OUTLET, type Outlet } from '../flow/outlet';
import { writeViaPartial } from '../files/partial';
import { logLines, mergeByTime } from './merge';
import type { ServiceLogsArgs, ServiceLogsSaveArgs } from '../../shared/swarm-ops';
import { serviceLogStream, TaskPrefixer, type ServiceLogPlan } from './service-logs';

export type { ServiceLogPlan };

interface Follower {
  stream: NodeJS.ReadableStream & { destroy(): void };
  batch: LogLine[];
  skipped: number;
  timer: NodeJS.Timeout | null;
  /** Why the log ended early (the engine's error in the stream, or `endWith`'s reason): the ended event's `error`. */
  failure?: string;
  /** Ended by `endWith` with `gone`: the followed object no longer exists (the ended event's `gone`). */
  gone?: boolean;
  /** Run once when the follower ends or is stopped (`onEnd`). */
  cleanups: (() => void)[];
}

/** Lines held per follower before older ones are skipped (a batch's worth). */
const HELD_LINES = LOG_BATCH_LINES;

/** Run and forget a follower's cleanups (each once). */
function runCleanups(f: Follower): void {
  for (const c of f.cleanups.splice(0)) c();
}

export class LogsService {
  private readonly followers = new Map<string, Follower>();
  private readonly subscribers = new Set<LogSubscriber>();

  constructor(private readonly engine: Engine) {}

  /**
   * Hear every follower's batches. @param outlet the subscriber's link: while it is full its lines are
   * dropped and counted (logs/fanout.ts); the default never fills (IPC).
   */
  subscribe(listener: (e: LogEvent) => void, outlet: Outlet = OPEN_OUTLET): () => void {
    const sub = new LogSubscriber(listener, outlet);
    this.subscribers.add(sub);
    return () => this.subscribers.delete(sub);
  }

  private emit(e: LogEvent): void {
    for (const sub of this.subscribers) sub.send(e);
  }

  /**
   * `GET /containers/{id}/logs` as a stream (docker-modem answers a Buffer when not following).
   * @throws BerthError `NotFound`.
   */
  private async logStream(container: string, query: Record<string, unknown>): Promise<NodeJS.ReadableStream & { destroy(): void }> {
    try {
      const answer = (await this.engine.streams.getContainer(container).logs(query as never)) as unknown;
      return Buffer.isBuffer(answer) ? Readable.from([answer]) : (answer as NodeJS.ReadableStream & { destroy(): void });
    } catch (err) {
      throw toBerthError(err, this.engine.host.display);
    }
  }

  /** Whether the container has a TTY (one raw stream) or not (multiplexed stdout/stderr). */
  private async tty(container: string): Promise<boolean> {
    const info = await this.engine.call((d) => d.getContainer(container).inspect());
    return Boolean(info.Config.Tty);
  }

  /**
   * Start reading a container's log; lines arrive on the `logs` topic under the returned `id`.
   * Subscribe to the topic before calling, so that no batch is missed.
   * @throws BerthError `NotFound`.
   */
  async follow(a: z.infer<typeof LogsFollowArgs>): Promise<{ id: string; tty: boolean }> {
    const tty = await this.tty(a.container);
    // Podman's own tail breaks long lines (tail.ts): ask for everything and keep the tail here.
    const ownTail = a.tail !== 'all' && (await this.engine.kind()) === 'podman';
    const query = {
      follow: a.follow,
      stdout: true,
      stderr: true,
      timestamps: true,
      tail: a.tail === 'all' || ownTail ? 'all' : String(a.tail),
      ...(a.since !== undefined ? { since: Math.floor(a.since / 1000) } : {}),
    };
    const stream = await this.logStream(a.container, query);
    return { id: this.track(stream, tty, ownTail ? (a.tail as number) : null), tty };
  }

  /**
   * `docker service logs [-f]` (service-logs.ts): every task's lines, from every node, in one stream, each with
   * its `source` (`name.slot@node`). Lines arrive on the `logs` topic under the returned `id`, as `follow`'s.
   * @param plan the service and its tasks' prefixes (swarm/log-plan.ts).
   * @throws BerthError `NotFound`; `EngineError` (503) when this engine is not a manager.
   */
  async followService(plan: ServiceLogPlan, a: ServiceLogsArgs): Promise<{ id: string; tty: boolean }> {
    const query = {
      follow: a.follow,
      stdout: true,
      stderr: true,
      timestamps: true,
      tail: a.tail === 'all' ? 'all' : String(a.tail),
      ...(a.since !== undefined ? { since: Math.floor(a.since / 1000) } : {}),
    };
    const stream = await serviceLogStream(this.engine, plan.id, query);
    return { id: this.track(stream, plan.tty, null, plan), tty: plan.tty };
  }

  /**
   * Send a log stream's lines to the subscribers in bounded batches until it ends or `stop`.
   * @param ownTail keep only the last N lines of the backlog here (Podman, tail.ts); null: the engine did.
   * @param service a service's log: lines get their task's `source` first (TaskPrefixer), in order.
   */
  private track(stream: NodeJS.ReadableStream & { destroy(): void }, tty: boolean, ownTail: number | null, service?: ServiceLogPlan): string {
    const id = randomUUID();
    const f: Follower = { stream, batch: [], skipped: 0, timer: null, cleanups: [] };
    this.followers.set(id, f);
    const flush = () => {
      if (f.timer) clearTimeout(f.timer);
      f.timer = null;
      if (!f.batch.length && !f.skipped) return;
      this.emit({ id, lines: f.batch, skipped: f.skipped });
      f.batch = [];
      f.skipped = 0;
    };
    const take = (line: LogLine) => {
      if (!this.followers.has(id)) return; // stopped while a backlog was held
      f.batch.push(line);
      if (f.batch.length > HELD_LINES) {
        // Faster than anyone reads: keep the newest lines, count the rest.
        const over = f.batch.length - HELD_LINES;
        f.batch.splice(0, over);
        f.skipped += over;
      }
      f.timer ??= setTimeout(flush, LOG_BATCH_MS);
    };
    const tail = ownTail !== null ? new BacklogTail<LogLine>(ownTail, take) : null;
    const prefixer = service ? new TaskPrefixer(service.lookup, take) : null;
    for (const [task, prefix] of service?.prefixes ?? []) prefixer!.learn(task, prefix);
    // The engine's own error in the stream ends the log with its words (the lines before it stay shown).
    const reader = logReader(tty, true, prefixer ? (l) => prefixer.push(l) : tail ? (l) => tail.push(l) : take, !!service, (m) => (f.failure ??= `the engine: ${m}`));
    stream.on('data', (chunk: Buffer) => {
      try {
        reader.write(chunk);
      } catch (err) {
        f.failure = (err as Error).message;
        stream.destroy();
      }
    });
    let ending = false;
    const end = (err?: Error) => {
      if (!this.followers.has(id) || ending) return;
      ending = true;
      runCleanups(f);
      reader.end();
      tail?.release();
      void (prefixer?.idle() ?? Promise.resolve()).then(() => {
        flush();
        this.followers.delete(id);
        const error = f.failure ?? (err ? toBerthError(err, this.engine.host.display).message : undefined);
        this.emit({ id, ended: true, ...(error ? { error } : {}), ...(f.gone ? { gone: true as const } : {}) });
      });
    };
    stream.on('end', () => end());
    stream.on('error', (e: Error) => end(e));
    stream.on('close', () => end());
    return id;
  }

  /** Stop a follower (its view closed). Unknown IDs are ignored. */
  stop(id: string): null {
    const f = this.followers.get(id);
    if (!f) return null;
    this.followers.delete(id);
    if (f.timer) clearTimeout(f.timer);
    runCleanups(f);
    f.stream.destroy();
    return null;
  }

  /**
   * End follower `id` as its stream's end would, with `reason` as the ended event's `error` (the lines
   * received stay): for what the engine does not end itself, e.g. a followed service that was removed (moby keeps
   * that stream open and silent). `gone`: the followed object no longer exists (the event says so, and the viewer
   * offers no Follow again). Unknown or ended IDs are ignored.
   */
  endWith(id: string, reason: string, opts: { gone?: boolean } = {}): void {
    const f = this.followers.get(id);
    if (!f) return;
    if (f.failure === undefined) f.gone = opts.gone === true;
    f.failure ??= reason;
    f.stream.destroy();
  }

  /** Run `cleanup` once when follower `id` ends or is stopped; at once if it is not following (any more). */
  onEnd(id: string, cleanup: () => void): void {
    const f = this.followers.get(id);
    if (f) f.cleanups.push(cleanup);
    else cleanup();
  }

  /**
   * `docker logs [-t] CONTAINER > PATH`: the whole log, `stderr` lines marked `[stderr] `, written to
   * a temporary file of its own next to PATH and renamed when complete (files/partial.ts).
   * An error the engine puts in the stream (a log driver that cannot read, a node that is down) comes back as
   * `warning`, the file holding what came before it.
   * @throws BerthError `Conflict` when the file exists and `overwrite` is not set; `NotFound`.
   */
  async save(a: z.infer<typeof LogsSaveArgs>): Promise<SavedLog> {
    if (!a.overwrite && fs.existsSync(a.path)) throw new BerthError('Conflict', `${a.path} exists: choose another name or allow overwriting`);
    const tty = await this.tty(a.container);
    const source = await this.logStream(a.container, { follow: false, stdout: true, stderr: true, timestamps: a.timestamps });
    const warnings: string[] = [];
    const r = await writeLog(a.path, source, (put) => {
      const reader = logReader(tty, false, (l) => put(`${l.stream === 'stderr' ? '[stderr] ' : ''}${l.text}\n`), false, (m) => warnings.push(m));
      return { write: (chunk) => reader.write(chunk), end: async () => reader.end(), idle: async () => undefined };
    });
    return withWarning(r, warnings);
  }

  /**
   * `docker service logs [-t] SERVICE > PATH`: every task's lines from every node, each prefixed
   * `name.slot@node | ` (service-logs.ts), `stderr` lines marked `[stderr] `, the time first (ISO 8601, ms)
   * when `timestamps`; via a temporary file renamed when complete. `plan` as followService's. When a task's node
   * is down the engine ends the stream with "Error grabbing logs: … not available": that is `warning`.
   * @throws BerthError `Conflict` when the file exists and `overwrite` is not set; `NotFound`; `EngineError`.
   */
  async saveService(plan: ServiceLogPlan, a: ServiceLogsSaveArgs): Promise<SavedLog> {
    if (!a.overwrite && fs.existsSync(a.path)) throw new BerthError('Conflict', `${a.path} exists: choose another name or allow overwriting`);
    const source = await serviceLogStream(this.engine, plan.id, { follow: false, stdout: true, stderr: true, timestamps: true });
    const warnings: string[] = [];
    const r = await writeLog(a.path, source, (put) => {
      const prefixer = new TaskPrefixer(plan.lookup, (l) =>
        put(`${a.timestamps ? `${l.time === null ? '-' : new Date(l.time).toISOString()} ` : ''}${l.source ?? '?'} | ${l.stream === 'stderr' ? '[stderr] ' : ''}${l.text}\n`),
      );
      for (const [task, prefix] of plan.prefixes) prefixer.learn(task, prefix);
      const reader = logReader(plan.tty, true, (l) => prefixer.push(l), true, (m) => warnings.push(m));
      return { write: (chunk) => reader.write(chunk), end: () => (reader.end(), prefixer.idle()), idle: () => prefixer.idle() };
    });
    return withWarning(r, warnings);
  }

  /**
   * Several containers' whole logs written as one file in time order (merge.ts), each line prefixed with
   * its source's label as `docker compose logs` does (`web-1  | text`), `stderr` lines marked
   * `[stderr] `, the time first (ISO 8601, ms) when `timestamps`; via a temporary file renamed when complete.
   * @param sources containers (ID or name) and their labels, in the order ties are broken.
   * @throws BerthError `Conflict` when the file exists and `overwrite` is not set; `NotFound`; `EngineError`.
   */
  async saveMerged(sources: { container: string; label: string }[], path: string, o: { timestamps: boolean; overwrite?: boolean }): Promise<{ lines: number; bytes: number }> {
    if (!o.overwrite && fs.existsSync(path)) throw new BerthError('Conflict', `${path} exists: choose another name or allow overwriting`);
    const streams = await Promise.all(
      sources.map(async (src) => {
        const tty = await this.tty(src.container);
        const stream = await this.logStream(src.container, { follow: false, stdout: true, stderr: true, timestamps: true });
        return { stream, lines: logLines(stream as AsyncIterable<Buffer>, tty) };
      }),
    );
    const width = Math.max(0, ...sources.map((s) => s.label.length));
    let lines = 0;
    let bytes = 0;
    async function* text(): AsyncGenerator<string> {
      for await (const { source, line } of mergeByTime(streams.map((s) => s.lines))) {
        const time = o.timestamps ? `${line.time === null ? '-' : new Date(line.time).toISOString()} ` : '';
        const out = `${time}${sources[source]!.label.padEnd(width)} | ${line.stream === 'stderr' ? '[stderr] ' : ''}${line.text}\n`;
        lines++;
        bytes += Buffer.byteLength(out);
        yield out;
      }
    }
    try {
      await writeViaPartial(path, (out) => pipeline(Readable.from(text()), out));
    } catch (err) {
      throw err instanceof BerthError ? err : new BerthError('EngineError', `could not save the logs: ${(err as Error).message}`);
    } finally {
      for (const s of streams) s.stream.destroy();
    }
    return { lines, bytes };
  }

  /** Stop every follower (shutting down). */
  closeAll(): void {
    for (const id of [...this.followers.keys()]) this.stop(id);
  }
}

/** How a log's bytes become text lines: `put` each line; `idle`/`end` resolve once every line so far is put. */
/** A saved log: lines and bytes written; `warning`, the engine's own errors in the stream (the file has what came). */
export interface SavedLog {
  lines: number;
  bytes: number;
  warning?: string;
}

function withWarning(r: { lines: number; bytes: number }, warnings: string[]): SavedLog {
  return warnings.length ? { ...r, warning: warnings.join('; ') } : r;
}

type LineWriter = (put: (line: string) => void) => { write(chunk: Buffer): void; idle(): Promise<void>; end(): Promise<void> };

/**
 * A log stream written as text lines to `path`, through a temporary file renamed when complete.
 * @throws BerthError `EngineError` when the stream or the file fails.
 */
async function writeLog(path: string, source: NodeJS.ReadableStream, lineWriter: LineWriter): Promise<{ lines: number; bytes: number }> {
  let lines = 0;
  let bytes = 0;
  let out: string[] = [];
  const writer = lineWriter((line) => out.push(line));
  const take = () => {
    const text = out.join('');
    lines += out.length;
    bytes += Buffer.byteLength(text);
    out = [];
    return text;
  };
  const toText = new Transform({
    transform(chunk: Buffer, _enc, done) {
      try {
        writer.write(chunk);
      } catch (err) {
        return done(err as Error);
      }
      writer.idle().then(() => done(null, take()), done);
    },
    flush(done) {
      writer.end().then(() => done(null, take()), done);
    },
  });
  try {
    await writeViaPartial(path, (out) => pipeline(source, toText, out));
  } catch (err) {
    throw err instanceof BerthError ? err : new BerthError('EngineError', `could not save the log: ${(err as Error).message}`);
  }
  return { lines, bytes };
}
