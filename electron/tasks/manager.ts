/**
 * Long work as tasks (pull, push, build, save, load): started by a service, followed by every window on
 * the `tasks` topic, cancellable, kept after they end until dismissed (at most FINISHED_KEPT of them).
 * Updates to one task are sent at most every EMIT_INTERVAL_MS; its end is sent at once.
 */
import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { TASK_LOG_LIMIT, type Task, type TaskEvent, type TaskKind } from '../../shared/tasks';
import { BerthError } from '../engine/errors';
import { overprint } from './overprint';
import { ProgressReader, type JsonMessage } from './progress';

/** Minimum interval between updates of one task, ms. */
export const EMIT_INTERVAL_MS = 250;
/** Finished tasks kept for late subscribers and the task list. */
const FINISHED_KEPT = 50;
/** Window over which the transfer rate is measured, ms. */
const RATE_WINDOW_MS = 3000;

/** What a task's work gets: its abort signal and ways to report. */
export interface TaskContext {
  readonly signal: AbortSignal;
  readonly reader: ProgressReader;
  /**
   * Read an engine progress stream (newline-delimited JSON) to its end.
   * @throws BerthError `EngineError` with the engine's message when the stream carried an error line
   *   (the stream ending is not success), `Cancelled` when the task was cancelled.
   */
  follow(stream: Readable): Promise<void>;
  log(line: string): void;
  /** Overall bytes done/in all, for work that is not an engine progress stream (save). */
  setProgress(current: number, total: number): void;
}

/** The outcome a task's work returns: a short description of what it made, or nothing. */
type Work = (ctx: TaskContext) => Promise<string | void>;

interface Running {
  task: Task;
  log: string[];
  /** Lines not yet sent. */
  pending: string[];
  abort: AbortController;
  reader: ProgressReader;
  samples: { at: number; bytes: number }[];
  timer: NodeJS.Timeout | null;
  lastEmit: number;
}

export class TaskManager {
  private readonly tasks = new Map<string, Running>();
  private readonly emitter = new EventEmitter();

  constructor() {
    this.emitter.setMaxListeners(0);
  }

  /** Follow the tasks: the listener first receives every kept task with its kept log. */
  subscribe(listener: (e: TaskEvent) => void): () => void {
    for (const r of this.tasks.values()) listener({ task: r.task, log: [...r.log], logFrom: r.task.logLines - r.log.length });
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  /** Start `work` as a task and return it at once (it runs on). */
  start(kind: TaskKind, title: string, work: Work): Task {
    const r: Running = {
      task: { id: randomUUID(), kind, title, state: 'running', startedAt: Date.now(), layers: [], progress: { current: 0, total: 0 }, rate: 0, logLines: 0 },
      log: [],
      pending: [],
      abort: new AbortController(),
      reader: new ProgressReader(),
      samples: [],
      timer: null,
      lastEmit: 0,
    };
    this.tasks.set(r.task.id, r);
    this.emit(r);
    void this.run(r, work);
    return r.task;
  }

  /** The task's current state. @throws BerthError `NotFound`. */
  get(id: string): Task {
    const r = this.tasks.get(id);
    if (!r) throw new BerthError('NotFound', `no such task: ${id}`);
    return r.task;
  }

  /** Wait for a task to end; resolves with its final state. */
  async settled(id: string): Promise<Task> {
    const r = this.tasks.get(id);
    if (!r) throw new BerthError('NotFound', `no such task: ${id}`);
    if (r.task.state !== 'running') return r.task;
    return new Promise((resolve) => {
      const off = this.subscribe((e) => {
        if ('task' in e && e.task.id === id && e.task.state !== 'running') {
          queueMicrotask(off);
          resolve(e.task);
        }
      });
    });
  }

  /** Abort a running task (its engine request is closed). Ended tasks are left as they are. */
  cancel(id: string): void {
    const r = this.tasks.get(id);
    if (!r) throw new BerthError('NotFound', `no such task: ${id}`);
    if (r.task.state === 'running') r.abort.abort();
  }

  /** Forget an ended task. @throws BerthError `Conflict` for a running one. */
  dismiss(id: string): void {
    const r = this.tasks.get(id);
    if (!r) return;
    if (r.task.state === 'running') throw new BerthError('Conflict', 'the task is still running: cancel it first');
    this.tasks.delete(id);
    this.emitter.emit('event', { removed: id } satisfies TaskEvent);
  }

  private async run(r: Running, work: Work): Promise<void> {
    const ctx: TaskContext = {
      signal: r.abort.signal,
      reader: r.reader,
      follow: (stream) => this.follow(r, stream),
      log: (line) => this.append(r, [line]),
      setProgress: (current, total) => {
        r.task = { ...r.task, progress: { current, total } };
        this.schedule(r);
      },
    };
    try {
      const result = await work(ctx);
      if (r.abort.signal.aborted) throw new BerthError('Cancelled', 'cancelled');
      this.finish(r, { state: 'succeeded', ...(result ? { result } : {}) });
    } catch (err) {
      const cancelled = r.abort.signal.aborted;
      const message = cancelled ? 'cancelled' : err instanceof Error ? err.message : String(err);
      if (!cancelled) this.append(r, r.reader.error ? [] : [`ERROR: ${message}`]);
      this.finish(r, {
        state: cancelled ? 'cancelled' : 'failed',
        error: message,
        ...(r.reader.failedStep ? { failedStep: r.reader.failedStep } : {}),
      });
    }
  }

  private async follow(r: Running, stream: Readable): Promise<void> {
    const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
    // readline ends its iteration on the input's 'end' only: a stream destroyed (cancel, lost engine) must close it too.
    const onClose = () => lines.close();
    const onAbort = () => {
      stream.destroy();
      lines.close();
    };
    stream.once('close', onClose);
    r.abort.signal.addEventListener('abort', onAbort);
    try {
      for await (const line of lines) {
        if (!line.trim()) continue;
        let m: JsonMessage;
        try {
          m = JSON.parse(line) as JsonMessage;
        } catch {
          this.append(r, [line]);
          continue;
        }
        this.append(r, r.reader.apply(m));
        this.schedule(r);
      }
    } catch (err) {
      if (!r.abort.signal.aborted) throw err;
    } finally {
      r.abort.signal.removeEventListener('abort', onAbort);
      stream.off('close', onClose);
    }
    if (!stream.readableEnded && !r.abort.signal.aborted && !r.reader.error) {
      throw new BerthError('EngineUnreachable', 'the engine closed the stream before the work ended');
    }
    if (r.abort.signal.aborted) throw new BerthError('Cancelled', 'cancelled');
    if (r.reader.error) throw new BerthError('EngineError', r.reader.error);
    r.reader.complete();
    this.schedule(r);
  }

  private append(r: Running, raw: string[]): void {
    if (!raw.length) return;
    const lines = raw.map(overprint);
    r.log.push(...lines);
    r.pending.push(...lines);
    if (r.log.length > TASK_LOG_LIMIT) r.log.splice(0, r.log.length - TASK_LOG_LIMIT);
    if (r.pending.length > TASK_LOG_LIMIT) r.pending.splice(0, r.pending.length - TASK_LOG_LIMIT);
    r.task = { ...r.task, logLines: r.task.logLines + lines.length };
    this.schedule(r);
  }

  private schedule(r: Running): void {
    if (r.timer) return;
    const wait = Math.max(0, r.lastEmit + EMIT_INTERVAL_MS - Date.now());
    r.timer = setTimeout(() => {
      r.timer = null;
      this.refresh(r);
      this.emit(r);
    }, wait);
  }

  /** Take the reader's layers and bytes into the task and measure the rate. */
  private refresh(r: Running): void {
    const layers = r.reader.layerList();
    const progress = layers.length ? r.reader.overall() : r.task.progress;
    const now = Date.now();
    r.samples.push({ at: now, bytes: progress.current });
    while (r.samples.length > 2 && now - r.samples[0].at > RATE_WINDOW_MS) r.samples.shift();
    const first = r.samples[0];
    const rate = now > first.at ? Math.max(0, ((progress.current - first.bytes) * 1000) / (now - first.at)) : 0;
    r.task = { ...r.task, layers, progress, rate };
  }

  private finish(r: Running, end: Partial<Task>): void {
    if (r.timer) clearTimeout(r.timer);
    r.timer = null;
    this.refresh(r);
    r.task = { ...r.task, ...end, rate: 0, endedAt: Date.now() };
    this.emit(r);
    this.trim();
  }

  private emit(r: Running): void {
    r.lastEmit = Date.now();
    const log = r.pending;
    r.pending = [];
    this.emitter.emit('event', { task: r.task, log, logFrom: r.task.logLines - log.length } satisfies TaskEvent);
  }

  private trim(): void {
    const ended = [...this.tasks.values()].filter((t) => t.task.state !== 'running');
    for (const r of ended.slice(0, Math.max(0, ended.length - FINISHED_KEPT))) this.tasks.delete(r.task.id);
  }
}
