/**
 * A bounded list of log lines: the newest `capacity` lines, each with a sequence number that stays its
 * key while it is shown. Appending is amortised O(1): the array is cut back only when it has grown half
 * again past the capacity.
 */
import type { LogLine } from '../../../shared/logs';

export interface NumberedLine extends LogLine {
  seq: number;
}

export class LineRing {
  private lines: NumberedLine[] = [];
  private next = 0;

  constructor(private cap: number) {}

  get capacity(): number {
    return this.cap;
  }

  /** Change the capacity; the oldest lines go when it shrinks. */
  resize(capacity: number): void {
    this.cap = capacity;
    this.trim(true);
  }

  push(lines: LogLine[], skippedBefore = 0): void {
    this.next += skippedBefore;
    for (const l of lines) this.lines.push({ ...l, seq: this.next++ });
    this.trim(false);
  }

  private trim(exact: boolean): void {
    const limit = exact ? this.cap : Math.floor(this.cap * 1.5);
    if (this.lines.length > limit) {
      this.lines = this.lines.slice(this.lines.length - this.cap);
    }
  }

  /** The newest `capacity` lines, oldest first: a new array on every call (the ring itself keeps changing). */
  view(): NumberedLine[] {
    return this.lines.slice(Math.max(0, this.lines.length - this.cap));
  }

  /** Lines received in all (kept or not). */
  get total(): number {
    return this.next;
  }

  /** Lines received but no longer kept (beyond capacity, or skipped by the Node side): the "older lines" note. */
  get notKept(): number {
    return this.next - Math.min(this.lines.length, this.cap);
  }

  clear(): void {
    this.lines = [];
    this.next = 0;
  }
}
