/**
 * Live resource use of running containers (`docker stats`), one sample per container about every second
 * on the `stats` topic. Formulas are the Docker CLI's (cli/command/container/stats_helpers.go).
 */
import { z } from 'zod';

export const StatsSample = z.object({
  id: z.string(),
  name: z.string(),
  /** ms since the epoch. */
  time: z.number(),
  /** CPU use in % of one CPU (can exceed 100 on several CPUs), as `docker stats`; null until two readings exist. */
  cpuPercent: z.number().nullable(),
  /** Memory in use, bytes: usage minus the inactive file cache (cgroup v1 `total_inactive_file`, v2 `inactive_file`). */
  memoryUsed: z.number(),
  /** Memory limit, bytes (the host's memory when unlimited). */
  memoryLimit: z.number(),
  memoryPercent: z.number(),
  /** Totals since the container started, bytes. */
  netRx: z.number(),
  netTx: z.number(),
  blockRead: z.number(),
  blockWrite: z.number(),
  pids: z.number(),
});
export type StatsSample = z.infer<typeof StatsSample>;

/** The latest sample of every running container, sent about once a second. */
export const StatsEvent = z.object({ samples: z.array(StatsSample) });
export type StatsEvent = z.infer<typeof StatsEvent>;
