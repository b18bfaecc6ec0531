/**
 * Several containers' logs as one, in time order (what `docker compose logs` prints): a k-way merge of
 * line sources by the engine's timestamp, pulling one line at a time from each, so memory holds one line
 * per source whatever the logs' size. Lines without a time keep their place behind their source's earlier
 * lines; ties keep the sources' order.
 */
import type { LogLine } from '../../shared/logs';
import { logReader } from './demux';

/** A log line and the index of the source it came from. */
export interface SourcedLine {
  source: number;
  line: LogLine;
}

/**
 * The lines of one engine log stream (multiplexed unless `tty`), asked for with `timestamps=1`: their time
 * parsed and taken off the text. Pulls the stream only as fast as the lines are consumed.
 */
export async function* logLines(stream: AsyncIterable<Buffer | string>, tty: boolean): AsyncGenerator<LogLine> {
  let held: LogLine[] = [];
  const reader = logReader(tty, true, (l) => held.push(l));
  for await (const chunk of stream) {
    reader.write(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    const out = held;
    held = [];
    yield* out;
  }
  reader.end();
  yield* held;
}

/**
 * Merge line sources by time (k-way: the earliest head goes first). A source without times is merged
 * with its own lines in order; a null time counts as "no later than the previous line of its source".
 */
export async function* mergeByTime(sources: AsyncIterable<LogLine>[]): AsyncGenerator<SourcedLine> {
  const its = sources.map((s) => s[Symbol.asyncIterator]());
  const heads: (LogLine | undefined)[] = await Promise.all(its.map(async (it) => (await it.next()).value as LogLine | undefined));
  const last = sources.map(() => -Infinity);
  const when = (i: number) => heads[i]!.time ?? last[i]!;
  for (;;) {
    let pick = -1;
    for (let i = 0; i < heads.length; i++) if (heads[i] && (pick < 0 || when(i) < when(pick))) pick = i;
    if (pick < 0) return;
    const line = heads[pick]!;
    last[pick] = when(pick);
    yield { source: pick, line };
    const next = await its[pick]!.next();
    heads[pick] = next.done ? undefined : next.value;
  }
}
