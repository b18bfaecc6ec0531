/**
 * One subscriber of the `logs` topic behind its outlet (flow/outlet.ts), with the log ring's own rule: a
 * subscriber that cannot keep up loses lines, never the server's memory, and is told how many. While its
 * outlet is full, every batch for it is dropped and its lines counted per follower; once drained, it is sent
 * `{ id, lines: [], skipped: N }` for each follower, then any end it was owed, in order. The other
 * subscribers get every line at full speed.
 */
import type { LogEvent } from '../../shared/logs';
import type { Outlet } from '../flow/outlet';

export class LogSubscriber {
  /** Lines not sent to this subscriber, per follower, since it was last told. */
  private readonly skipped = new Map<string, number>();
  /** End events held back so that they follow the skipped counts. */
  private readonly ends: LogEvent[] = [];
  private behind = false;
  /** Lines dropped for this subscriber so far (a measure, for tests and benches). */
  dropped = 0;

  constructor(
    private readonly listener: (e: LogEvent) => void,
    private readonly outlet: Outlet,
  ) {}

  send(e: LogEvent): void {
    if (!this.behind && !this.outlet.full()) {
      if ('lines' in e) this.listener({ ...e, skipped: e.skipped + this.take(e.id) });
      else this.listener(e);
      return;
    }
    if ('lines' in e) {
      this.skipped.set(e.id, (this.skipped.get(e.id) ?? 0) + e.lines.length + e.skipped);
      this.dropped += e.lines.length;
    } else this.ends.push(e);
    if (!this.behind) {
      this.behind = true;
      this.outlet.whenDrained(() => this.catchUp());
    }
  }

  private take(id: string): number {
    const n = this.skipped.get(id) ?? 0;
    this.skipped.delete(id);
    return n;
  }

  private catchUp(): void {
    this.behind = false;
    for (const id of [...this.skipped.keys()]) this.listener({ id, lines: [], skipped: this.take(id) });
    for (const e of this.ends.splice(0)) this.listener(e);
  }
}
