/**
 * `--tail N` done on Berth's side, for engines whose own tail is wrong: Podman 4.3's `tail=N` joins the line
 * before a long (split) line to it and adds an empty line after it (seen on Podman 4.3.1, compat API), while
 * `tail=all` is right. So Berth asks for the whole log and keeps the last N lines of the backlog.
 *
 * The backlog is what arrives before the stream first falls quiet for `quietMs` (an engine sends a log's
 * history in one burst, then live lines as they come) or ends; after that every line passes through.
 */
export class BacklogTail<T> {
  private held: T[] = [];
  private passing = false;
  private timer: NodeJS.Timeout | null = null;

  /**
   * @param keep lines of the backlog kept (the N of `--tail N`).
   * @param emit receives kept lines once the backlog is over, then live lines at once.
   * @param quietMs silence that ends the backlog, ms.
   */
  constructor(
    private readonly keep: number,
    private readonly emit: (line: T) => void,
    private readonly quietMs = 150,
  ) {
    this.arm();
  }

  push(line: T): void {
    if (this.passing) return this.emit(line);
    this.held.push(line);
    if (this.held.length > this.keep * 2 + 1024) this.held = this.held.slice(-this.keep);
    this.arm();
  }

  /** The backlog is over (quiet, or the stream ended): release the kept lines. */
  release(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.passing) return;
    this.passing = true;
    const kept = this.keep === 0 ? [] : this.held.slice(-this.keep);
    this.held = [];
    for (const l of kept) this.emit(l);
  }

  private arm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.release(), this.quietMs);
  }
}
