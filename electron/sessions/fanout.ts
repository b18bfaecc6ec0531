/**
 * One subscriber of the `sessions` topic behind its outlet (flow/outlet.ts). What a multiplexer does with a
 * client that cannot keep up is the model: tmux stops writing to a client whose output buffer is over its
 * limit and redraws that client's screen once it drains (tty.c, `tty_block_maybe`), while the pane and the
 * other clients carry on. Berth has no screen model on the Node side, but each session keeps its recent
 * output with offsets (OutputPump's replay), so:
 *
 * - a full subscriber is sent no output; the session is not paused for it, so the other subscribers keep
 *   full speed (the source pauses only by the acknowledgements, which come from whoever renders: when every
 *   subscriber is full, none receives, none acknowledges, and the source pauses at HIGH_WATERMARK);
 * - once it drains, it is sent each session's output from where it stopped, out of the replay: lossless
 *   when it fell behind by less than REPLAY_LIMIT units, else from the oldest output kept, and the offset
 *   jump tells the renderer exactly how much it missed (it says so in the terminal).
 *
 * So a stalled client costs at most OUTLET_HIGH plus one message of the server's memory.
 */
import type { SessionEvent } from '../../shared/sessions';
import type { Outlet } from '../flow/outlet';

type Chunk = { offset: number; data: string };

export class SessionSubscriber {
  /** Per session, the offset up to which output has been sent to this subscriber. */
  private readonly sent = new Map<string, number>();
  private behind = false;
  /** Output events not sent because the subscriber was full (a measure, for tests and benches). */
  held = 0;

  /**
   * @param recent the replay of a session still known (OutputPump.recent), or undefined once it is forgotten.
   * @param sessions the IDs of the sessions known now.
   */
  constructor(
    private readonly listener: (e: SessionEvent) => void,
    private readonly outlet: Outlet,
    private readonly recent: (id: string) => Chunk[] | undefined,
    private readonly sessions: () => Iterable<string>,
  ) {}

  /** Any event: output goes through the outlet's rule, the rest (small) always. */
  send(e: SessionEvent): void {
    if (!('output' in e)) {
      if ('removed' in e) this.sent.delete(e.removed);
      return this.listener(e);
    }
    if (this.behind || this.outlet.full()) return this.hold();
    this.deliver(e.output.id, e.output);
  }

  private deliver(id: string, chunk: Chunk): void {
    this.sent.set(id, Math.max(this.sent.get(id) ?? 0, chunk.offset + chunk.data.length));
    this.listener({ output: { id, ...chunk } });
  }

  private hold(): void {
    this.held++;
    if (this.behind) return;
    this.behind = true;
    this.outlet.whenDrained(() => this.catchUp());
  }

  /** Drained: each session's output from where this subscriber stopped, from the replay, while it takes it. */
  private catchUp(): void {
    this.behind = false;
    for (const id of this.sessions()) {
      const from = this.sent.get(id) ?? 0;
      for (const c of this.recent(id) ?? []) {
        const end = c.offset + c.data.length;
        if (end <= from) continue;
        if (this.outlet.full()) return this.hold();
        this.deliver(id, c.offset >= from ? c : { offset: from, data: c.data.slice(from - c.offset) });
      }
    }
  }
}
