/**
 * Long work (pull, push, build, save, load) as tasks: each has per-layer progress as the engine reports
 * it, an overall byte count, a bounded log and an outcome. Tasks live on the Node side, so they survive
 * switching views and reloading the window; the `tasks` topic carries them.
 */
import { z } from 'zod';

/** `export`: an image written as a SIF file; `import`: a SIF's root filesystem made an image; `compose`: the user's Compose run on a stack. */
export const TaskKind = z.enum(['pull', 'push', 'build', 'save', 'load', 'export', 'import', 'compose']);
export type TaskKind = z.infer<typeof TaskKind>;

/** `running` until the engine's stream ends; a stream that ends with an `error` line is `failed`. */
export const TaskState = z.enum(['running', 'succeeded', 'failed', 'cancelled']);
export type TaskState = z.infer<typeof TaskState>;

/**
 * A layer's state in a pull or push, from the engine's status lines (Docker CLI's jsonmessage):
 * `waiting` (Pulling fs layer / Waiting / Preparing), `downloading`, `verifying`, `extracting`,
 * `pushing`, `loading` (docker load), `done` (Pull complete / Pushed), `exists` (Already exists / Layer already exists).
 */
export const LayerState = z.enum(['waiting', 'downloading', 'verifying', 'extracting', 'pushing', 'loading', 'done', 'exists']);
export type LayerState = z.infer<typeof LayerState>;

export const TaskLayer = z.object({
  /** Short layer ID as the engine prints it (12 hex). */
  id: z.string(),
  state: LayerState,
  /** Bytes done in the current phase (download, extract or upload). */
  current: z.number(),
  /** Bytes in the current phase, 0 when unknown. */
  total: z.number(),
  /** The engine's own status text, e.g. "Downloading". */
  status: z.string(),
});
export type TaskLayer = z.infer<typeof TaskLayer>;

export const Task = z.object({
  id: z.string(),
  kind: TaskKind,
  /** What a person reads: "Pull 127.0.0.1:5000/app:1". */
  title: z.string(),
  state: TaskState,
  /** ms since the epoch. */
  startedAt: z.number(),
  endedAt: z.number().optional(),
  /** Why it failed, in the engine's words. */
  error: z.string().optional(),
  /** Per-layer progress (pull, push, load), in the order the engine first named them. */
  layers: z.array(TaskLayer),
  /**
   * Overall progress: for pull, downloaded bytes over the sum of known layer sizes (layers that already
   * exist count as done); for save/load, bytes streamed (total 0 when unknown).
   */
  progress: z.object({ current: z.number(), total: z.number() }),
  /** Bytes per second over the last few seconds of transfer, 0 when idle. */
  rate: z.number(),
  /** Lines of output ever produced (build steps, status lines); `log` holds the last of them. */
  logLines: z.number(),
  /** For a failed build: the step that failed, e.g. "Step 2/3 : RUN false". */
  failedStep: z.string().optional(),
  /** What the task made: the image ID of a build, the digest of a push, the images of a load, a file path. */
  result: z.string().optional(),
});
export type Task = z.infer<typeof Task>;

/**
 * One message on the `tasks` topic: a task's new state, plus log lines appended since the last message
 * (`logFrom` = index of the first of them among all the task's lines), or a dismissed task's removal.
 * On subscribing, every task arrives with the log lines still kept (`logFrom` > 0 when older lines were dropped).
 */
export const TaskEvent = z.union([
  z.object({ task: Task, log: z.array(z.string()), logFrom: z.number() }),
  z.object({ removed: z.string() }),
]);
export type TaskEvent = z.infer<typeof TaskEvent>;

/** Lines of a task's log kept in memory on each side. */
export const TASK_LOG_LIMIT = 5000;
