/**
 * The sessions store's terminal sink (stores/sessions.ts `TerminalSink`) with xterm.js loaded on demand:
 * the terminals' registry (registry.ts, with xterm.js and its addons: about 0.5 MB of the page's script)
 * is fetched on the first session output, not with the page. Calls made while it loads are queued and
 * run in their order once it is there, so no output is lost or reordered.
 */
import type { TerminalSink } from '../../stores/sessions';

type Registry = typeof import('./registry');

/** A sink that imports registry.ts at the first call; a failed import is retried at the next call. */
export function lazyTerminalSink(load: () => Promise<Registry> = () => import('./registry')): TerminalSink {
  let registry: Registry | undefined;
  let loading: Promise<void> | undefined;
  const queue: ((r: Registry) => void)[] = [];
  const run = (call: (r: Registry) => void, needsTerminal: boolean) => {
    if (registry && queue.length === 0) return call(registry);
    // Nothing to free before the first output made a terminal.
    if (!needsTerminal && !loading && !registry) return;
    queue.push(call);
    loading ??= load().then(
      (r) => {
        registry = r;
        while (queue.length) queue.shift()!(r);
      },
      (err: unknown) => {
        loading = undefined;
        console.error('berth: the terminals could not be loaded', err);
      },
    );
  };
  return {
    deliver: (id, offset, data) => run((r) => r.deliver(id, offset, data), true),
    dispose: (id) => run((r) => r.disposeTerminal(id), false),
  };
}
