/**
 * Per-client admission of contract calls. Each engine request opens its own socket to the engine; one
 * window that fires thousands of calls at once (a script in the page, a runaway effect) made dockerd's
 * socket refuse connections (ECONNRESET/EAGAIN) for every client, the monitor included. Each transport
 * client (a serve-mode WebSocket, an Electron webContents) therefore gets its own limiter: at most
 * {@link CALLS_IN_FLIGHT} calls run at once, up to {@link CALLS_WAITING} more wait in order, and a call
 * beyond that is answered `Busy` at once without reaching the router. Another client's calls never wait
 * behind this one's.
 */
import pLimit from 'p-limit';
import type { Envelope } from '../../shared/api';

/** Calls of one client running at once (engine sockets it may hold). */
export const CALLS_IN_FLIGHT = 16;
/** Calls of one client waiting for a slot before new ones are refused as `Busy`. */
export const CALLS_WAITING = 2_000;

/** Runs one client's calls under the bounds above. */
export interface CallLimiter {
  /** Run `call` when a slot is free; a `Busy` envelope at once when too many wait. Rejects only if `call` does. */
  run(call: () => Promise<Envelope>): Promise<Envelope>;
  /** Calls running and waiting (for tests and diagnostics). */
  readonly load: { running: number; waiting: number };
}

/** A limiter for one client. `inFlight`/`waiting` default to the constants above. */
export function callLimiter(inFlight = CALLS_IN_FLIGHT, waiting = CALLS_WAITING): CallLimiter {
  const limit = pLimit(inFlight);
  // Counted here, not from p-limit's counts: p-limit starts a queued call a microtask later.
  let outstanding = 0;
  const load = () => ({ running: Math.min(outstanding, inFlight), waiting: Math.max(0, outstanding - inFlight) });
  return {
    async run(call) {
      if (outstanding >= inFlight + waiting) {
        const now = load();
        return { ok: false, error: { name: 'Busy', message: `too many calls at once from this window (${now.running} running, ${now.waiting} waiting): try again` } };
      }
      outstanding++;
      try {
        return await limit(call);
      } finally {
        outstanding--;
      }
    },
    get load() {
      return load();
    },
  };
}
