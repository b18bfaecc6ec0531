// Integration: Berth's own callers of /system/df never collide. Docker computes one disk usage at a time
// and answers a concurrent request with HTTP 500 "a disk usage operation is already running"; when the
// volume list, the disk view and the prune previews asked together on a loaded engine, the retries ran
// out and the volume sizes went missing (CI: the resources e2e waited for "300 kB" in vain).
import { describe, expect, it } from 'vitest';
import { engineMissing } from '../testing/engine';
import { Engine } from './engine';

const missing = await engineMissing();

describe.skipIf(missing)('/system/df', () => {
  it('eight callers at once: at most two engine requests, one at a time, every caller answered', async () => {
    const engine = new Engine();
    const modem = engine.docker.modem as { dial: (o: { path: string }, cb: (...a: unknown[]) => void) => void };
    const dial = modem.dial.bind(modem);
    let requests = 0;
    let running = 0;
    let overlapped = 0;
    modem.dial = (o, cb) => {
      if (!o.path.startsWith('/system/df')) return dial(o, cb);
      requests++;
      if (running++) overlapped++;
      dial(o, (...a) => {
        running--;
        cb(...a);
      });
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => engine.df<{ Volumes?: unknown[] | null }>()));
    expect(answers.every((a) => 'Volumes' in a)).toBe(true);
    expect(requests).toBeLessThanOrEqual(2);
    expect(overlapped).toBe(0);
  });
});
