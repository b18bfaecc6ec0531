/**
 * The engine's multiplexed stream format, shared by logs and attach without a TTY: an 8-byte header per
 * frame: byte 0 the stream (0 stdin, 1 stdout, 2 stderr), bytes 1–3 zero, bytes 4–7 the payload length,
 * big-endian (Docker Engine API, "Attach to a container", stream format). Frames and headers may be split
 * anywhere across chunks. Stream 3 is moby's `Systemerr` (pkg/stdcopy): the engine's own error, e.g. "Error
 * grabbing logs: … node … is not available" when a swarm service's task sits on a node that is down; the docker
 * CLI prints it as "error from daemon in stream: …".
 */

/** Splits a multiplexed byte stream into (stream, payload) frames, whatever the chunk boundaries. */
export class FrameDemuxer {
  private pending: Buffer = Buffer.alloc(0);

  /**
   * @param onFrame each stdout/stderr frame's payload.
   * @param onSystemError the text of each stream-3 frame (the engine's error); without it such a frame throws.
   */
  constructor(
    private readonly onFrame: (stream: 'stdout' | 'stderr', payload: Buffer) => void,
    private readonly onSystemError?: (message: string) => void,
  ) {}

  /**
   * @throws Error on a header that is not a frame header (the stream is not multiplexed); on a stream-3 frame
   * ("error from daemon in stream: …") when no `onSystemError` was given.
   */
  write(chunk: Buffer): void {
    let buf = this.pending.length ? Buffer.concat([this.pending, chunk]) : chunk;
    while (buf.length >= 8) {
      const kind = buf[0];
      if (kind > 3 || buf[1] !== 0 || buf[2] !== 0 || buf[3] !== 0) throw new Error('not a multiplexed stream (bad frame header)');
      const size = buf.readUInt32BE(4);
      if (buf.length < 8 + size) break;
      const payload = buf.subarray(8, 8 + size);
      if (kind === 3) {
        const message = payload.toString('utf8').trim();
        this.pending = Buffer.from(buf.subarray(8 + size));
        if (!this.onSystemError) throw new Error(`error from daemon in stream: ${message}`);
        this.onSystemError(message);
        buf = this.pending;
        continue;
      }
      this.onFrame(kind === 2 ? 'stderr' : 'stdout', payload);
      buf = buf.subarray(8 + size);
    }
    this.pending = Buffer.from(buf);
  }

  /** Bytes of an incomplete frame still waiting. */
  get buffered(): number {
    return this.pending.length;
  }
}
