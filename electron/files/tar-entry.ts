/**
 * Adding entries to a tar-stream pack and waiting for each to be written (the pack's own backpressure:
 * the next entry starts when the previous one's bytes were taken).
 */
import type { Readable } from 'node:stream';
import type tar from 'tar-stream';

/** A tar header as tar-stream's pack takes it: a name and whichever other fields apply. */
export type EntryHeader = Partial<tar.Header> & Pick<tar.Header, 'name'>;

/**
 * Add one entry to `pack`, resolving when it is written: a regular file with its content (a stream, or a
 * buffer), any other type (directory, symlink, link, fifo) without.
 * @throws what the pack or the content stream fails with.
 */
export function put(pack: tar.Pack, header: EntryHeader, content?: Readable | Buffer): Promise<void> {
  return new Promise((resolve, reject) => {
    const cb = (err?: Error | null) => (err ? reject(err) : resolve());
    if (Buffer.isBuffer(content)) return void pack.entry(header, content, cb);
    const sink = pack.entry(header, cb);
    if (content) {
      content.once('error', reject);
      content.pipe(sink as unknown as NodeJS.WritableStream);
    }
  });
}
