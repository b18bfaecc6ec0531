/**
 * The output half of a terminal session: raw bytes from a TTY in, offset-stamped text batches out, paced
 * by the renderer's acknowledgements. Constants and scheme: shared/sessions.ts (xterm.js flow-control guide).
 */
import { StringDecoder } from 'node:string_decoder';
import { FLUSH_BYTES, FLUSH_INTERVAL_MS, HIGH_WATERMARK, LOW_WATERMARK, REPLAY_LIMIT } from '../../shared/sessions';

export interface PumpTarget {
  /** A batch of text starting at `offset` (UTF-16 units of the whole output). */
  emit(offset: number, data: string): void;
  /** Stop reading the source (too much unacknowledged). */
  pause(): void;
  /** Read the source again. */
  resume(): void;
}

export interface PumpOptions {
  flushIntervalMs?: number;
  flushUnits?: number;
  high?: number;
  low?: number;
  replayLimit?: number;
}

export class OutputPump {
  /** Units produced so far (emitted or waiting in the batch). */
  private produced = 0;
  /** Units the renderer reports rendered. */
  private acked = 0;
  private batch: string[] = [];
  private batchUnits = 0;
  private timer: NodeJS.Timeout | null = null;
  /** Whether `timer` is a setImmediate (cleared differently). */
  private immediate = false;
  /** When the last batch went out, ms since the epoch. */
  private lastFlush = 0;
  private paused = false;
  /** Recent output for late subscribers: chunks with their offsets, at most `replayLimit` units. */
  private replay: { offset: number; data: string }[] = [];
  private replayUnits = 0;
  private readonly decoder = new StringDecoder('utf8');
  private readonly o: Required<PumpOptions>;

  constructor(private readonly target: PumpTarget, options: PumpOptions = {}) {
    this.o = {
      flushIntervalMs: options.flushIntervalMs ?? FLUSH_INTERVAL_MS,
      flushUnits: options.flushUnits ?? FLUSH_BYTES,
      high: options.high ?? HIGH_WATERMARK,
      low: options.low ?? LOW_WATERMARK,
      replayLimit: options.replayLimit ?? REPLAY_LIMIT,
    };
  }

  /** Bytes from the TTY. A UTF-8 sequence split across chunks is held until complete. */
  write(chunk: Buffer | string): void {
    this.add(typeof chunk === 'string' ? chunk : this.decoder.write(chunk));
  }

  /** The source ended: decode what is left and send everything now. */
  end(): void {
    this.add(this.decoder.end());
    this.flush();
  }

  private add(text: string): void {
    if (!text) return;
    this.batch.push(text);
    this.batchUnits += text.length;
    this.produced += text.length;
    if (!this.paused && this.produced - this.acked > this.o.high) {
      // Send what is waiting now, so that the acknowledgement that lets the source go on comes soon.
      this.paused = true;
      this.target.pause();
      this.flush();
    } else if (this.batchUnits >= this.o.flushUnits) this.flush();
    else this.schedule();
  }

  /**
   * When to send the pending batch: on the next turn of the event loop when the output was idle until now
   * (a keystroke's echo) or when the renderer is about to run dry (less than the low watermark sent and not
   * yet rendered: it would sit idle for the rest of the batch window), else at the end of the batch window
   * (FLUSH_INTERVAL_MS), so a renderer busy with what it has gets fewer, bigger batches.
   */
  private schedule(): void {
    if (this.immediate || !this.batchUnits) return;
    const inFlight = this.produced - this.batchUnits - this.acked;
    if (Date.now() - this.lastFlush >= this.o.flushIntervalMs || inFlight < this.o.low) {
      this.clearTimer();
      this.timer = setImmediate(() => this.flush()) as unknown as NodeJS.Timeout;
      this.immediate = true;
    } else this.timer ??= setTimeout(() => this.flush(), this.o.flushIntervalMs);
  }

  /** Send the pending batch now. */
  flush(): void {
    this.clearTimer();
    if (!this.batchUnits) return;
    this.lastFlush = Date.now();
    const data = this.batch.join('');
    const offset = this.produced - data.length;
    this.batch = [];
    this.batchUnits = 0;
    this.remember(offset, data);
    this.target.emit(offset, data);
  }

  /** The renderer has rendered output up to `rendered` (cumulative; stale or excessive values are clamped). */
  ack(rendered: number): void {
    this.acked = Math.min(this.produced, Math.max(this.acked, rendered));
    if (this.paused && this.produced - this.acked < this.o.low) {
      this.paused = false;
      this.target.resume();
    }
    if (!this.paused) this.schedule();
  }

  /** Recent output, oldest first, for a subscriber arriving late. */
  recent(): { offset: number; data: string }[] {
    return [...this.replay];
  }

  /** Units sent but not yet acknowledged. */
  get unacknowledged(): number {
    return this.produced - this.acked;
  }

  get isPaused(): boolean {
    return this.paused;
  }

  dispose(): void {
    this.clearTimer();
  }

  private clearTimer(): void {
    if (this.timer) {
      if (this.immediate) clearImmediate(this.timer as unknown as NodeJS.Immediate);
      else clearTimeout(this.timer);
    }
    this.timer = null;
    this.immediate = false;
  }

  private remember(offset: number, data: string): void {
    const limit = this.o.replayLimit;
    const kept = data.length > limit ? { offset: offset + data.length - limit, data: data.slice(-limit) } : { offset, data };
    this.replay.push(kept);
    this.replayUnits += kept.data.length;
    while (this.replayUnits - this.replay[0].data.length >= limit) this.replayUnits -= this.replay.shift()!.data.length;
  }
}
