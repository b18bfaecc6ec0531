/**
 * Long tasks (pull, push, build, save, load) as the Node side reports them on the `tasks` topic, with the
 * tail of each task's log. A task that ends while this window watches raises a notice: through the
 * `notifications` topic for the kinds it tells of (stores/notifications.ts), from here for the others.
 */
import { create } from 'zustand';
import { TASK_LOG_LIMIT, type Task, type TaskEvent } from '../../shared/tasks';
import { useNotices } from './notices';

export interface TaskEntry {
  task: Task;
  /** The last lines of the task's log (at most TASK_LOG_LIMIT). */
  log: string[];
  /** Index, among all the task's lines, of `log[0]`. */
  logStart: number;
}

interface TasksState {
  /** By task ID, in the order they started. */
  tasks: Record<string, TaskEntry>;
  apply(e: TaskEvent): void;
}

/**
 * Pure: a task's log after lines `lines` that start at index `from` among all its lines. Overlapping lines
 * (already held) are skipped; a gap (lines lost) replaces the held log.
 */
export function mergeLog(entry: Pick<TaskEntry, 'log' | 'logStart'> | undefined, lines: string[], from: number): Pick<TaskEntry, 'log' | 'logStart'> {
  if (!entry) return trim({ log: lines, logStart: from });
  const held = entry.logStart + entry.log.length;
  if (from > held) return trim({ log: lines, logStart: from });
  const fresh = lines.slice(held - from);
  return fresh.length ? trim({ log: [...entry.log, ...fresh], logStart: entry.logStart }) : { log: entry.log, logStart: entry.logStart };
}

function trim(e: Pick<TaskEntry, 'log' | 'logStart'>): Pick<TaskEntry, 'log' | 'logStart'> {
  const over = e.log.length - TASK_LOG_LIMIT;
  return over > 0 ? { log: e.log.slice(over), logStart: e.logStart + over } : e;
}

/** Kinds the `notifications` topic tells of when they end (stores/notifications.ts); the rest are announced here. */
const NOTIFIED: ReadonlySet<Task['kind']> = new Set(['pull', 'push', 'build', 'save', 'load', 'export']);

function announce(before: Task | undefined, after: Task): void {
  if (!before || before.state !== 'running' || after.state === 'running') return;
  if (NOTIFIED.has(after.kind) && after.state !== 'cancelled') return;
  const notices = useNotices.getState();
  if (after.state === 'succeeded') notices.push('info', `${after.title}: done${after.result ? ` (${after.result})` : ''}`);
  else if (after.state === 'failed') notices.push('error', `${after.title} failed: ${after.error ?? 'unknown error'}`);
  else notices.push('info', `${after.title}: cancelled`);
}

export const useTasks = create<TasksState>((set, get) => ({
  tasks: {},
  apply: (e) => {
    if ('removed' in e) {
      const rest = { ...get().tasks };
      delete rest[e.removed];
      set({ tasks: rest });
      return;
    }
    const before = get().tasks[e.task.id];
    const merged = mergeLog(before, e.log, e.logFrom);
    set((s) => ({ tasks: { ...s.tasks, [e.task.id]: { ...merged, task: e.task } } }));
    announce(before?.task, e.task);
  },
}));

/** Tasks still running (for the navigation badge). */
export function useRunningCount(): number {
  return useTasks((s) => Object.values(s.tasks).filter((t) => t.task.state === 'running').length);
}
