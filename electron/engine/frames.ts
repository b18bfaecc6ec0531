/**
 * The engine's multiplexed stream format, shared by logs and attach without a TTY: an 8-byte header per
 * frame: byte 0 the stream (0 stdin, 1 stdout, 2 stderr), bytes 1–3 zero, bytes 4–7 the payload length,
 * big-endian (Docker Engine API, "Attach to a container", stream format). Frames and headers may be split
 * anywhere across chunks.
 */

/** Splits a multiplexed byte stream into (stream, payload) frames, whatever the chunk boundaries. */
export class FrameDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  constructor(private readonly onFrame: (stream: 'stdout' | 'stderr', payload: Buffer) => void) {}

  /** @throws Error on a header that is not a frame header (the stream is not multiplexed). */
  write(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const kind = buf[0];
      if (kind > 2 || buf[1] !== 0 || buf[2] !== 0 || buf[3] !== 0) throw new Error('not a multiplexed stream (bad frame header)');
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      this.onFrame(kind === 2 ? 'stderr' : 'stdout', buf.subarray(8, 8 + size));
      buf = buf.subarray(8 + size);
    }
    this.pending = Buffer.from(buf);
  }

  /** Bytes of an incomplete frame still waiting. */
  get buffered(): number {
    return this.pending.length;
  }
}
