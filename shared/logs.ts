/**
 * Container logs (`docker logs`): lines with their stream and time, followed live on the `logs` topic.
 * Bounded on both sides: the Node side sends at most LOG_BATCH_LINES per batch (LOG_BATCH_MS), counting
 * what it skipped; the renderer keeps a ring of the last `capacity` lines (default LOG_RING_DEFAULT).
 */
import { z } from 'zod';
import { ContainerRef } from './refs';
import { AbsolutePath } from './images';

/** Lines kept by the Logs view unless the person changes it. */
export const LOG_RING_DEFAULT = 10_000;
/** Range the Logs view's capacity may be set to. */
export const LOG_RING_LIMITS = { min: 100, max: 1_000_000 };
/** The Node side sends a batch at most this often, ms. */
export const LOG_BATCH_MS = 100;
/** Most lines in one batch; older lines of a larger batch are skipped and counted. */
export const LOG_BATCH_LINES = 5_000;

/** `tty`: a container with a TTY has one stream, not told apart. */
export const LogStream = z.enum(['stdout', 'stderr', 'tty']);
export type LogStream = z.infer<typeof LogStream>;

export const LogLine = z.object({
  stream: LogStream,
  /** The line without its newline (and without the engine's timestamp). */
  text: z.string(),
  /** When the engine received it, ms since the epoch (null if the engine gave none). */
  time: z.number().nullable(),
  /** Service logs only: the task it came from, as `docker service logs` prefixes it (`name.slot@node`). */
  source: z.string().optional(),
});
export type LogLine = z.infer<typeof LogLine>;

export const LogsFollowArgs = z
  .object({
    container: ContainerRef,
    /** Last N lines, or all. */
    tail: z.union([z.number().int().min(0).max(10_000_000), z.literal('all')]),
    /** Only lines since this time, ms since the epoch. */
    since: z.number().int().min(0).optional(),
    /** Keep following new lines. */
    follow: z.boolean(),
  })
  .strict();

/** Events on the `logs` topic, for the follower `id` (from `logs.follow`). */
export const LogEvent = z.union([
  z.object({ id: z.uuid(), lines: z.array(LogLine), skipped: z.number().int().min(0) }),
  /**
   * The log ended; `error`, why it ended early; `gone`, the followed object no longer exists (a removed swarm
   * service, electron/swarm/log-follow.ts): nothing is left to follow, unlike an engine that went away.
   */
  z.object({ id: z.uuid(), ended: z.literal(true), error: z.string().optional(), gone: z.literal(true).optional() }),
]);
export type LogEvent = z.infer<typeof LogEvent>;

export const LogsSaveArgs = z.object({ container: ContainerRef, path: AbsolutePath, timestamps: z.boolean(), overwrite: z.boolean().optional() }).strict();

/**
 * What a log save answers: lines and bytes written; `warning`, the engine's own error in the stream (moby's stream 3,
 * e.g. "Error grabbing logs: … node … is not available"), the file then holding what came before it.
 */
export const SavedLogResult = z.object({ lines: z.number(), bytes: z.number(), warning: z.string().optional() });
