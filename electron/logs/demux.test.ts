import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/logs';
import { FrameDemuxer, LineSplitter, parseStamp } from './demux';

function frame(stream: 1 | 2, text: string | Buffer): Buffer {
  const payload = Buffer.isBuffer(text) ? text : Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

function read(chunks: Buffer[], timestamps = false): LogLine[] {
  const lines: LogLine[] = [];
  const splitter = new LineSplitter((l) => lines.push(l), timestamps);
  const demux = new FrameDemuxer((s, p) => splitter.write(s, p, true));
  for (const c of chunks) demux.write(c);
  splitter.end();
  return lines;
}

/** Cut a buffer into pieces at every `step` bytes. */
function cut(buf: Buffer, step: number): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < buf.length; i += step) out.push(buf.subarray(i, i + step));
  return out;
}

describe('log stream demultiplexing', () => {
  const whole = Buffer.concat([
    frame(1, 'out one\nout tw'),
    frame(2, 'err one\n'),
    frame(1, 'o\n'),
    frame(2, Buffer.from('ünïcødé 世界\n', 'utf8').subarray(0, 5)),
    frame(2, Buffer.from('ünïcødé 世界\n', 'utf8').subarray(5)),
    frame(1, 'last without newline'),
  ]);
  const expected: LogLine[] = [
    { stream: 'stdout', text: 'out one', time: null },
    { stream: 'stderr', text: 'err one', time: null },
    { stream: 'stdout', text: 'out two', time: null },
    { stream: 'stderr', text: 'ünïcødé 世界', time: null },
    { stream: 'stdout', text: 'last without newline', time: null },
  ];

  it('reads frames whole', () => {
    expect(read([whole])).toEqual(expected);
  });

  it('reads the same at every chunk boundary: inside headers, payloads and characters', () => {
    for (const step of [1, 2, 3, 5, 7, 8, 9, 13, 64]) expect(read(cut(whole, step))).toEqual(expected);
  });

  it('refuses a stream that is not multiplexed', () => {
    expect(() => read([Buffer.from('plain text output, not frames\n')])).toThrow(/not a multiplexed stream/);
  });

  it('takes the engine timestamp off each line', () => {
    const lines = read([frame(1, '2026-11-22T05:01:02.123456789Z hello\n'), frame(1, '2026-11-22T05:01:03Z \n')], true);
    expect(lines).toEqual([
      { stream: 'stdout', text: 'hello', time: Date.UTC(2026, 10, 22, 5, 1, 2, 123) },
      { stream: 'stdout', text: '', time: Date.UTC(2026, 10, 22, 5, 1, 3) },
    ]);
    expect(parseStamp('nonsense')).toBeNull();
  });

  it('joins a long line the engine split into entries, each with its own time (16 KiB partial messages)', () => {
    const lines = read([frame(1, '2026-11-22T05:01:02Z aaaa'), frame(2, '2026-11-22T05:01:02Z e\n'), frame(1, '2026-11-22T05:01:03Z bbbb\n')], true);
    expect(lines).toEqual([
      { stream: 'stderr', text: 'e', time: Date.UTC(2026, 10, 22, 5, 1, 2) },
      { stream: 'stdout', text: 'aaaabbbb', time: Date.UTC(2026, 10, 22, 5, 1, 2) },
    ]);
  });
});
