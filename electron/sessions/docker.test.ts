import { describe, expect, it } from 'vitest';
import { crlf, untermed } from './docker';

/** One frame of the engine's multiplexed format (1 stdout, 2 stderr). */
const frame = (stream: 1 | 2, text: string) => {
  const payload = Buffer.from(text);
  const header = Buffer.alloc(8);
  header[0] = stream;
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
};

describe('output without a TTY, as a terminal shows it', () => {
  it('turns bare line feeds into CR LF and leaves CR LF and UTF-8 alone', () => {
    expect(crlf(Buffer.from('a\nb\r\nwörld 世界\n')).toString()).toBe('a\r\nb\r\nwörld 世界\r\n');
  });

  it('demultiplexes stdout and stderr in arrival order, whatever the chunk boundaries', () => {
    const out: string[] = [];
    const demux = untermed((b) => out.push(b.toString()));
    const bytes = Buffer.concat([frame(1, 'hello\n'), frame(2, 'err\n'), frame(1, 'é\n')]);
    for (let i = 0; i < bytes.length; i += 3) demux.write(bytes.subarray(i, i + 3));
    expect(out.join('')).toBe('hello\r\nerr\r\né\r\n');
  });
});
