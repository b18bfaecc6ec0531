/**
 * What both links do around every call: a per-call timeout and abort by the caller. A call that times
 * out or is aborted resolves at once with an error envelope (`Timeout`, `Aborted`); its late result is
 * dropped. Streams (topics) and tasks are not calls: pull, push, build, save and load return a task at
 * once and report on the `tasks` topic; logs arrive on `logs`.
 *
 * Timeouts per method (`callTimeoutMs`): 60 s by default; 10 min for calls whose length grows with the
 * engine's data or a slow remote (probing engines over ssh, `docker system df` sizes, prunes, image
 * inspect and history, a registry log-in, packing a build context before its task starts, stopping a
 * container: its grace period plus 60 s); none for work that reads whole images or files, or waits for a
 * person: every `layers.*` call but `layers.cancel` (they may stream `docker save` of a large image first),
 * `logs.save`, `volumes.saveFile`, `host.choosePath` (a native dialog), `sif.open`/`sif.files`/`sif.import` (they copy a SIF's partition out first), and `sessions.input`: a slice of a
 * paste is answered only once the TTY has taken it, which waits on the program in the terminal (the paste
 * has its own Cancel). Swarm reads (`swarm.info`, `swarm.nodes`, `swarm.services`, `swarm.tasks`, `swarm.overview`) are one to
 * four engine requests on a manager: the default; `swarm.saveServiceLogs` has none (a whole log), `swarm.taskShell` (it may
 * probe every known engine, ssh:// ones up to 10 s) and `swarm.init`/`join`/`leave` (raft) the long one.
 */
import type { Envelope, MethodName } from '../../shared/api';

/** Options of one call. */
export interface CallOptions {
  /** Abort from the caller: the call resolves with `Aborted` and its late result is dropped. */
  signal?: AbortSignal;
  /** Override the method's timeout, ms; null: none. */
  timeoutMs?: number | null;
}

/** Timeout of an ordinary call, ms. */
export const DEFAULT_CALL_TIMEOUT_MS = 60_000;
/** Timeout of a call whose length grows with the engine's data or a slow remote, ms. */
export const LONG_CALL_TIMEOUT_MS = 10 * 60_000;

const UNLIMITED = new Set<MethodName>([
  'host.choosePath',
  'sessions.input',
  'logs.save',
  'stacks.saveLogs',
  'volumes.saveFile',
  'layers.analyze',
  'layers.files',
  'layers.tree',
  'layers.search',
  'layers.family',
  'layers.openArchive',
  'layers.compare',
  'layers.fileContent',
  'layers.fileInfo',
  'sif.open',
  'sif.files',
  'sif.import',
  'swarm.saveServiceLogs',
]);

const LONG = new Set<MethodName>([
  'pods.play',
  'images.exportSif',
  'layers.cacheUsage',
  'layers.clearCache',
  'stacks.compose',
  'stacks.config',
  'stacks.projectConfig',
  'stacks.up',
  'stacks.down',
  'stacks.recreate',
  'stacks.scale',
  'engines.list',
  'engines.probe',
  'engines.use',
  'engines.add',
  'images.inspect',
  'images.remove',
  'images.prunePreview',
  'images.prune',
  'images.build',
  'images.buildHints',
  'containers.run',
  'containers.restart',
  'containers.remove',
  'volumes.list',
  'volumes.browse',
  'volumes.prunePreview',
  'volumes.prune',
  'system.df',
  'system.buildCachePreview',
  'system.buildCachePrune',
  'registry.login',
  'registry.catalog',
  'registry.repository',
  'swarm.taskShell',
  'swarm.init',
  'swarm.join',
  'swarm.leave',
]);

/** A method's timeout, ms, or null for none (see the module comment). `args` matter for containers.stop. */
export function callTimeoutMs(method: MethodName, args?: unknown): number | null {
  if (UNLIMITED.has(method)) return null;
  if (LONG.has(method)) return LONG_CALL_TIMEOUT_MS;
  if (method === 'containers.stop') {
    const grace = (args as { timeoutSeconds?: number } | undefined)?.timeoutSeconds ?? 10;
    return grace * 1000 + DEFAULT_CALL_TIMEOUT_MS;
  }
  return DEFAULT_CALL_TIMEOUT_MS;
}

/**
 * Run one call (`run`) under the caller's signal and the method's timeout. `giveUp` is told when the call
 * is abandoned (timeout or abort) so the link can forget it; a result arriving later is dropped.
 * Never rejects: a rejection of `run` becomes `Internal`.
 */
export function guardCall(method: MethodName, args: unknown, opts: CallOptions, run: () => Promise<Envelope>, giveUp: () => void = () => {}): Promise<Envelope> {
  const { signal } = opts;
  const aborted: Envelope = { ok: false, error: { name: 'Aborted', message: `${method}: aborted` } };
  if (signal?.aborted) return Promise.resolve(aborted);
  const timeoutMs = opts.timeoutMs === undefined ? callTimeoutMs(method, args) : opts.timeoutMs;
  return new Promise((resolve) => {
    let settled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const finish = (e: Envelope) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      resolve(e);
    };
    const abandon = (e: Envelope) => {
      if (settled) return;
      giveUp();
      finish(e);
    };
    const onAbort = () => abandon(aborted);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeoutMs !== null) {
      timer = setTimeout(() => abandon({ ok: false, error: { name: 'Timeout', message: `${method}: no answer in ${Math.round(timeoutMs / 1000)} s` } }), timeoutMs);
    }
    run().then(finish, (err: unknown) => finish({ ok: false, error: { name: 'Internal', message: err instanceof Error ? err.message : String(err) } }));
  });
}
