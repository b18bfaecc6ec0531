/**
 * "3 minutes ago" that keeps aging while it is on screen: every mounted `Ago` reads one shared clock
 * that ticks each second while at least one is mounted (so a table re-renders only its time cells).
 */
import { useSyncExternalStore } from 'react';
import { formatAgo } from '../format';

/** How often the shared clock ticks, ms: the finest step formatAgo shows is a second. */
export const AGO_TICK_MS = 1000;

const listeners = new Set<() => void>();
let now = Date.now();
let timer: ReturnType<typeof setInterval> | null = null;

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  if (!timer) {
    now = Date.now();
    timer = setInterval(() => {
      now = Date.now();
      for (const l of listeners) l();
    }, AGO_TICK_MS);
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = null;
    }
  };
}

/** The shared clock's current time, ms since the epoch; re-renders the caller on each tick. */
export function useNow(): number {
  return useSyncExternalStore(subscribe, snapshot);
}

/** The clock's time; while nothing is subscribed (first render) it catches up, in whole ticks so it stays stable. */
function snapshot(): number {
  if (!timer && Date.now() - now >= AGO_TICK_MS) now = Date.now();
  return now;
}

/** A `<time>` for `ms` (ms since the epoch): relative text that ages, the exact time on hover. */
export function Ago({ ms }: { ms: number }) {
  const current = useNow();
  return (
    <time dateTime={new Date(ms).toISOString()} title={new Date(ms).toLocaleString()}>
      {formatAgo(ms, current)}
    </time>
  );
}
