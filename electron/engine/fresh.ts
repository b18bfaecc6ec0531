/**
 * Coalescing of an expensive read that the engine serves one at a time (`GET /system/df`: Docker answers
 * a second concurrent request with HTTP 500 "a disk usage operation is already running").
 *
 * `fresh(read)` returns a function whose every call resolves with a result of `read` that *started after
 * the call was made* (never an older answer), while at most one `read` runs at a time: callers that arrive
 * while a read runs share the one read started when it ends.
 */
export function fresh<T>(read: () => Promise<T>): () => Promise<T> {
  let running: Promise<T> | null = null;
  let queued: Promise<T> | null = null;
  const start = (): Promise<T> => {
    const p = read().finally(() => {
      if (running === p) running = null;
    });
    running = p;
    return p;
  };
  return () => {
    if (!running) return start();
    if (!queued) {
      const settled = running.then(
        () => undefined,
        () => undefined,
      );
      queued = settled.then(() => {
        queued = null;
        return start();
      });
    }
    return queued;
  };
}
