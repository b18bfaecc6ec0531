/**
 * The `notifications` topic's source for one engine: tasks that ended (pull, push, build, save, load, SIF
 * export) and containers that died unexpectedly (deaths.ts). Nothing is replayed to a new subscriber: a
 * notification is news, and what ended before lives on in Tasks and the container lists.
 */
import { EventEmitter } from 'node:events';
import type { AppNotification, NotificationKind } from '../../shared/notifications';
import type { Task, TaskEvent } from '../../shared/tasks';
import type { EngineEvent } from '../engine/events';
import { DeathWatch, type Death } from './deaths';

/** What the center listens to. */
export interface NotificationSources {
  /** The task manager (it replays kept tasks to a new subscriber: those that ended earlier are ignored). */
  tasks: { subscribe(listener: (e: TaskEvent) => void): () => void };
  /** The engine's raw container events (EngineMonitor.onEngineEvent). */
  engineEvents(listener: (e: EngineEvent) => void): () => void;
  /** Docker or Podman (they report stops differently: deaths.ts). */
  engineKind(): Promise<'docker' | 'podman'>;
  /**
   * Whether a container was made for a person's terminal (`-it`: a TTY, stdin open and attached), whose end the
   * person sees there; null when it is gone (`--rm`). Never throws (null when unknown).
   */
  interactive(id: string): Promise<boolean | null>;
  /** ms since the epoch. */
  now?: () => number;
}

/** Task kinds that notify, with the word their titles use. */
/** A container that keeps dying (a restart policy) is told once per this many ms. */
export const DEATH_QUIET_MS = 60_000;

const TASK_KINDS: Partial<Record<Task['kind'], NotificationKind>> = { pull: 'pull', push: 'push', build: 'build', save: 'save', load: 'load', export: 'export' };

export class NotificationCenter {
  private readonly emitter = new EventEmitter();
  private readonly deaths: DeathWatch;
  /** Tasks seen running since the center started, and tasks already told. */
  private readonly running = new Set<string>();
  private readonly told = new Set<string>();
  /** Container ID → when its last death was told (ms), for DEATH_QUIET_MS. */
  private readonly lastDeath = new Map<string, number>();
  private saysKill: boolean | undefined;
  private readonly offs: (() => void)[] = [];
  private readonly now: () => number;
  private readonly since: number;

  constructor(private readonly sources: NotificationSources) {
    this.emitter.setMaxListeners(0);
    this.now = sources.now ?? Date.now;
    this.since = this.now();
    this.deaths = new DeathWatch(() => this.saysKill);
    sources.engineKind().then(
      (k) => (this.saysKill = k === 'docker'),
      () => undefined,
    );
    this.offs.push(sources.tasks.subscribe((e) => this.onTask(e)));
    this.offs.push(sources.engineEvents((e) => this.onEngineEvent(e)));
  }

  /** Follow new notifications. @returns a function that unsubscribes. */
  subscribe(listener: (n: AppNotification) => void): () => void {
    this.emitter.on('notification', listener);
    return () => this.emitter.off('notification', listener);
  }

  /** Stop listening (the engine's services are closing). */
  close(): void {
    for (const off of this.offs.splice(0)) off();
    this.emitter.removeAllListeners();
  }

  private emit(n: AppNotification): void {
    this.emitter.emit('notification', n);
  }

  private onTask(e: TaskEvent): void {
    if ('removed' in e) {
      this.running.delete(e.removed);
      this.told.delete(e.removed);
      return;
    }
    const { task } = e;
    const kind = TASK_KINDS[task.kind];
    if (!kind) return;
    if (task.state === 'running') {
      this.running.add(task.id);
      return;
    }
    // Ended: told once, and only when it ended while this center was listening.
    const wasRunning = this.running.delete(task.id);
    if (this.told.has(task.id) || task.state === 'cancelled') return;
    if (!wasRunning && (task.endedAt ?? 0) < this.since) return;
    this.told.add(task.id);
    const failed = task.state === 'failed';
    this.emit({
      id: `${task.id}:${task.state}`,
      kind,
      title: `${task.title} ${failed ? 'failed' : 'finished'}`,
      body: failed ? (task.error ?? 'failed') : taskResult(task),
      failed,
      at: task.endedAt ?? this.now(),
      target: { view: 'task', id: task.id },
    });
  }

  private onEngineEvent(e: EngineEvent): void {
    const death = this.deaths.see(e);
    if (death) void this.onDeath(death);
  }

  private async onDeath(d: Death): Promise<void> {
    const last = this.lastDeath.get(d.id);
    if (last !== undefined && d.at - last < DEATH_QUIET_MS) return;
    if ((await this.sources.interactive(d.id)) === true) return;
    this.lastDeath.delete(d.id);
    this.lastDeath.set(d.id, d.at);
    // Bounded: the oldest entries go first (Map keeps insertion order).
    if (this.lastDeath.size > 1000) this.lastDeath.delete(this.lastDeath.keys().next().value!);
    this.emit({
      id: `${d.id}:${d.at}`,
      kind: 'died',
      title: d.oom ? `Container ${d.name} was killed: out of memory` : `Container ${d.name} exited with code ${d.exitCode}`,
      body: d.image ? `Image ${d.image}` : '',
      failed: true,
      at: d.at,
      target: { view: 'container', id: d.id },
    });
  }
}

/** "took 12 s", with what the task made when it says (a file, a digest). */
function taskResult(t: Task): string {
  const took = t.endedAt ? `took ${formatSeconds(t.endedAt - t.startedAt)}` : '';
  // A save's result is its file, which its title already names.
  const result = t.result && !t.title.includes(t.result) ? t.result : '';
  return [result, took].filter(Boolean).join(', ');
}

function formatSeconds(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  return s < 60 ? `${s} s` : `${Math.floor(s / 60)} min ${s % 60} s`;
}
