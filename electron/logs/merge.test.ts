import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/logs';
import { logLines, mergeByTime } from './merge';

async function* of(lines: [number | null, string][]): AsyncGenerator<LogLine> {
  for (const [time, text] of lines) yield { stream: 'stdout', text, time };
}
async function all<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

describe('mergeByTime', () => {
  it('interleaves sources by time, ties in source order', async () => {
    const merged = await all(mergeByTime([of([[1, 'a1'], [5, 'a5'], [5, 'a5b']]), of([[2, 'b2'], [5, 'b5'], [9, 'b9']]), of([])]));
    expect(merged.map((m) => `${m.source}:${m.line.text}`)).toEqual(['0:a1', '1:b2', '0:a5', '0:a5b', '1:b5', '1:b9']);
  });
  it('keeps a line without a time behind its own source\'s earlier line', async () => {
    const merged = await all(mergeByTime([of([[3, 'a3'], [null, 'a-cont'], [8, 'a8']]), of([[4, 'b4']])]));
    expect(merged.map((m) => m.line.text)).toEqual(['a3', 'a-cont', 'b4', 'a8']);
  });
  it('pulls a source only as its lines are used (one line held per source)', async () => {
    let pulled = 0;
    async function* counted(): AsyncGenerator<LogLine> {
      for (let i = 0; i < 1000; i++) {
        pulled++;
        yield { stream: 'stdout', text: String(i), time: i };
      }
    }
    const it = mergeByTime([counted(), of([[0, 'x']])]);
    for (let i = 0; i < 3; i++) await it.next();
    expect(pulled).toBeLessThanOrEqual(4);
  });
});

describe('logLines', () => {
  it('parses a TTY stream asked for with timestamps, split across chunks', async () => {
    async function* chunks() {
      yield Buffer.from('2026-12-02T05:00:00.123456789Z hello\n2026-12-02T05:00:01Z wor');
      yield Buffer.from('ld\n');
    }
    const lines = await all(logLines(chunks(), true));
    expect(lines.map((l) => [l.text, l.time])).toEqual([
      ['hello', Date.parse('2026-12-02T05:00:00.123Z')],
      ['world', Date.parse('2026-12-02T05:00:01Z')],
    ]);
  });
});
