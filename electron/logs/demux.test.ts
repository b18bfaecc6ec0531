import { describe, expect, it } from 'vitest';
import type { LogLine } from '../../shared/logs';
import { FrameDemuxer, LineSplitter, logReader, parseStamp } from './demux';

function frame(stream: 1 | 2 | 3, text: string | Buffer): Buffer {
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

describe("the engine's own error frames (stream 3, moby's Systemerr)", () => {
  const GRAB = 'Error grabbing logs: rpc error: code = Unknown desc = warning: incomplete log stream. some logs could not be retrieved for the following reasons: node q0wg is not available';
  it('hands the error to onEngineError and keeps the lines before and after it', () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const r = logReader(false, false, (l) => lines.push(l.text), false, (m) => errors.push(m));
    const bytes = Buffer.concat([frame(1, 'one\n'), frame(3, `${GRAB}\n`), frame(1, 'two\n')]);
    // Split inside the error frame's header: the parts still make the frames.
    r.write(bytes.subarray(0, 17));
    r.write(bytes.subarray(17));
    r.end();
    expect(lines).toEqual(['one', 'two']);
    expect(errors).toEqual([GRAB]);
  });
  it('throws the docker CLI\'s words without a handler; a stream number above 3 is no frame', () => {
    expect(() => new FrameDemuxer(() => undefined).write(frame(3, 'boom'))).toThrow('error from daemon in stream: boom');
    const four = frame(1, 'x');
    four[0] = 4;
    expect(() => new FrameDemuxer(() => undefined).write(four)).toThrow('bad frame header');
  });
});
