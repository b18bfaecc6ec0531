/**
 * Topics that only some views need: `logs` (events for many followers, dispatched by follower ID) and
 * `stats` (subscribed only while a stats view is shown, since the Node side then streams every running
 * container's stats). The client keeps one listener per topic; these are those listeners.
 */
import { create } from 'zustand';
import type { LogEvent } from '../../shared/logs';
import type { StatsSample } from '../../shared/stats';
import { client } from '../client/client';

const logHandlers = new Map<string, (e: LogEvent) => void>();
/** Events for followers not yet registered (the answer to `logs.follow` may come after the first batch). */
const early = new Map<string, LogEvent[]>();

/** The `logs` topic's listener (connected at start-up). */
export function dispatchLog(e: LogEvent): void {
  const h = logHandlers.get(e.id);
  if (h) return h(e);
  const held = early.get(e.id) ?? [];
  if (held.length < 100) early.set(e.id, [...held, e]);
}

/** Receive one follower's events, including any that arrived before this call. */
export function onLogs(id: string, handler: (e: LogEvent) => void): () => void {
  logHandlers.set(id, handler);
  for (const e of early.get(id) ?? []) handler(e);
  early.delete(id);
  return () => logHandlers.delete(id);
}

/** Samples kept per container for the charts (two minutes at one per second). */
export const STATS_HISTORY = 120;

interface StatsState {
  /** Latest sample by container ID (running containers only). */
  latest: Record<string, StatsSample>;
  /** Recent samples by container ID, oldest first. */
  history: Record<string, StatsSample[]>;
}

export const useStats = create<StatsState>(() => ({ latest: {}, history: {} }));

function applyStats(samples: StatsSample[]): void {
  const { history } = useStats.getState();
  const latest: Record<string, StatsSample> = {};
  const next: Record<string, StatsSample[]> = {};
  for (const s of samples) {
    latest[s.id] = s;
    const h = history[s.id] ?? [];
    next[s.id] = h.length && h[h.length - 1].time === s.time ? h : [...h.slice(-(STATS_HISTORY - 1)), s];
  }
  useStats.setState({ latest, history: next });
}

let users = 0;
let off: (() => void) | null = null;

/** Follow `stats` while at least one view needs it (ref-counted). Returns the release function. */
export function acquireStats(): () => void {
  if (users++ === 0) off = client().on('stats', (e) => applyStats(e.samples));
  return () => {
    if (--users === 0) {
      off?.();
      off = null;
    }
  };
}
