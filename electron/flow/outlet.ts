/**
 * A subscriber's link as the services that stream to it see it: whether it is full (more queued for it than
 * the high watermark), and a signal once it has drained below the low watermark. Serve mode gives every
 * WebSocket client one (SocketOutlet, fed by `ws`'s `bufferedAmount` and its send callbacks); Electron's
 * IPC has no such measure and uses OPEN_OUTLET.
 *
 * What a stream does with a full subscriber is its own rule (sessions/fanout.ts: hold the terminal's output
 * and catch up from its replay; logs/fanout.ts: drop lines and count them), but it is always per
 * subscriber: one stalled client never slows the others, nor grows the server's memory by more than
 * OUTLET_HIGH plus one message.
 *
 * Watermarks: the xterm.js flow-control guide's HIGH 100 000 / LOW 10 000 (xtermjs.org/docs/guides/
 * flowcontrol), here in bytes queued on the socket.
 */

/** Above this many bytes queued for a subscriber, send it nothing more for now (xterm.js guide: 100 000). */
export const OUTLET_HIGH = 100_000;
/** Below this many bytes queued, a full subscriber takes output again (xterm.js guide: 10 000). */
export const OUTLET_LOW = 10_000;

export interface Outlet {
  /** True while more than OUTLET_HIGH bytes wait to be sent to this subscriber. */
  full(): boolean;
  /** Run `listener` once, as soon as the backlog is below OUTLET_LOW (at once if it already is). */
  whenDrained(listener: () => void): void;
}

/** A link with no measurable backlog (Electron IPC): never full. */
export const OPEN_OUTLET: Outlet = { full: () => false, whenDrained: (listener) => listener() };

/**
 * The outlet of one WebSocket. `written` must be passed as the callback of every `ws.send` to this socket:
 * `ws` calls it once the message has been handed to the operating system, which is when the backlog shrinks.
 */
export class SocketOutlet implements Outlet {
  private readonly waiting = new Set<() => void>();

  /** @param socket anything with `ws`'s `bufferedAmount` (bytes queued and not yet written to the socket). */
  constructor(private readonly socket: { readonly bufferedAmount: number }) {}

  /** Bytes queued for this subscriber now. */
  backlog(): number {
    return this.socket.bufferedAmount;
  }

  full(): boolean {
    return this.backlog() > OUTLET_HIGH;
  }

  whenDrained(listener: () => void): void {
    if (this.backlog() < OUTLET_LOW) listener();
    else this.waiting.add(listener);
  }

  /** A message went out (or the socket closed): wake the waiting streams once the backlog is low. */
  readonly written = (): void => {
    if (!this.waiting.size || this.backlog() >= OUTLET_LOW) return;
    const ready = [...this.waiting];
    this.waiting.clear();
    for (const listener of ready) listener();
  };
}
