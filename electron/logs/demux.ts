/**
 * Reading the engine's log and attach streams. Without a TTY the engine multiplexes stdout and stderr
 * with an 8-byte header per frame: byte 0 the stream (0 stdin, 1 stdout, 2 stderr), bytes 1–3 zero, bytes
 * 4–7 the payload length, big-endian (Docker Engine API, "Attach to a container", stream format). Frames
 * and headers may be split anywhere across chunks; UTF-8 characters may be split across frames.
 */
import { StringDecoder } from 'node:string_decoder';
import type { LogLine, LogStream } from '../../shared/logs';
import { FrameDemuxer } from '../engine/frames';

export { FrameDemuxer };

/** The engine's `timestamps=1` prefix: RFC 3339 with nanoseconds, then a space. */
const STAMP = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)) /;

/** Parse an RFC 3339 time with up to nanosecond precision to ms since the epoch. */
export function parseStamp(text: string): number | null {
  const t = Date.parse(text.replace(/(\.\d{3})\d+/, '$1'));
  return Number.isNaN(t) ? null : t;
}

/**
 * Turns each stream's bytes into lines: one UTF-8 decoder and one partial line per stream, so a line
 * split across frames (or a character split across chunks) comes out whole. `\r\n` counts as one newline.
 *
 * With `timestamps`, the engine puts its RFC 3339 time before every log *entry*. A multiplexed stream has
 * one entry per frame (`entry`), and the engine splits lines longer than 16 KiB into several entries, each
 * with its own time: the time is taken off every entry and the line keeps the time of its first. A TTY
 * stream has no frames: there the time is taken off the start of each line.
 *
 * With `details` (a service's log asked with `details=true`, logs/service-logs.ts), every entry also carries the
 * engine's `key=value,…` attributes after its time: a line keeps those of its first entry (they say which task
 * it came from), and they are taken off the entries that continue it.
 */
export class LineSplitter {
  private readonly decoders = new Map<LogStream, StringDecoder>();
  private readonly partial = new Map<LogStream, string>();
  private readonly started = new Map<LogStream, number | null>();

  constructor(
    private readonly onLine: (line: LogLine) => void,
    private readonly timestamps: boolean,
    private readonly details = false,
  ) {}

  /** Bytes of one stream; `entry` when they are one whole log entry (a frame of a multiplexed stream). */
  write(stream: LogStream, bytes: Buffer, entry = false): void {
    let decoder = this.decoders.get(stream);
    if (!decoder) this.decoders.set(stream, (decoder = new StringDecoder('utf8')));
    let chunk = decoder.write(bytes);
    if (this.timestamps && entry) {
      const m = STAMP.exec(chunk);
      if (m) {
        chunk = chunk.slice(m[0].length);
        if (!this.partial.get(stream)) this.started.set(stream, parseStamp(m[1]));
      }
    }
    if (this.details && entry && this.partial.get(stream)) {
      const space = chunk.indexOf(' ');
      if (space > 0 && chunk.slice(0, space).includes('=')) chunk = chunk.slice(space + 1);
    }
    const parts = ((this.partial.get(stream) ?? '') + chunk).split('\n');
    this.partial.set(stream, parts.pop()!);
    for (const p of parts) this.emit(stream, p.endsWith('\r') ? p.slice(0, -1) : p, entry);
  }

  /** The streams ended: emit unfinished lines. */
  end(): void {
    for (const [stream, decoder] of this.decoders) {
      const rest = (this.partial.get(stream) ?? '') + decoder.end();
      if (rest) this.emit(stream, rest, this.started.has(stream));
    }
    this.partial.clear();
  }

  private emit(stream: LogStream, raw: string, framed: boolean): void {
    if (!this.timestamps) return this.onLine({ stream, text: raw, time: null });
    if (framed) {
      const time = this.started.get(stream) ?? null;
      this.started.set(stream, null);
      return this.onLine({ stream, text: raw, time });
    }
    const m = STAMP.exec(raw);
    this.onLine(m ? { stream, text: raw.slice(m[0].length), time: parseStamp(m[1]) } : { stream, text: raw, time: null });
  }
}

/**
 * Lines of a log or attach stream: demultiplexed (no TTY) or raw (`tty`), split per stream; `details` as
 * LineSplitter's. `onEngineError` gets the engine's own error frames (FrameDemuxer's stream 3), which otherwise
 * throw. `write` throws on a malformed multiplexed stream.
 */
export function logReader(
  tty: boolean,
  timestamps: boolean,
  onLine: (line: LogLine) => void,
  details = false,
  onEngineError?: (message: string) => void,
): { write(chunk: Buffer): void; end(): void } {
  const splitter = new LineSplitter(onLine, timestamps, details);
  const demux = new FrameDemuxer((s, p) => splitter.write(s, p, true), onEngineError);
  return {
    write: (chunk) => (tty ? splitter.write('tty', chunk) : demux.write(chunk)),
    end: () => splitter.end(),
  };
}
