/** Writing into a stream that may fall behind or fail, without ever waiting on a dead one. */
import type { Writable } from 'node:stream';

/**
 * Write `chunk` to `target` and call `then` once `target` can take more: at once when it accepted the chunk
 * (or is destroyed: the chunk is then not written), else on its `drain` or its `close`, whichever comes first.
 */
export function writeOrWait(target: Writable, chunk: Buffer, then: () => void): void {
  if (target.destroyed || target.write(chunk)) return then();
  const go = () => {
    target.off('drain', go);
    target.off('close', go);
    then();
  };
  target.on('drain', go);
  target.on('close', go);
}
