/**
 * Changes only a swarm manager makes (issue #16), and how their refusals read: Podman refused before any
 * request, a worker or an engine in no swarm refused with `Unsupported` saying what it is instead (as
 * service.ts does for the lists), and the engine's gRPC wording (`rpc error: code = X desc = …`) cut to its
 * message. A call the swarm leaves unanswered (no leader: quorum lost) ends after {@link SWARM_WAIT_MS}
 * with `EngineError` saying so.
 */
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { PODMAN_NO_SWARM, SwarmService } from './service';

/** How long a swarm change or list may take before Berth stops waiting, ms (a manager without a leader answers within ~20 s itself, checked on Docker 20.10; the engine client gives up at 30 s). */
export const SWARM_WAIT_MS = 25_000;

/** The engine's message without swarmkit's gRPC wrapper: `rpc error: code = FailedPrecondition desc = node … is not down` → `node … is not down`. */
export function engineSaid(message: string): string {
  return message.replace(/^(?:rpc error: code = \w+ desc = )+/, '').trim();
}

/**
 * Run `fn` on `engine` as a manager. `action` says what only a manager does, as a verb phrase ("updates
 * nodes", "lists secrets"), for the refusal.
 * @throws BerthError `Unsupported` (Podman, a worker, no swarm); the engine's own errors (`NotFound`,
 * `Conflict`, `EngineError`) with its message unwrapped; `EngineError` when no answer came within SWARM_WAIT_MS.
 */
export async function managerOnly<T>(engine: Engine, action: string, fn: (d: Engine['docker']) => Promise<T>): Promise<T> {
  if ((await engine.kind()) === 'podman') throw new BerthError('Unsupported', PODMAN_NO_SWARM);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bounded = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new BerthError('EngineError', `the swarm did not answer in ${SWARM_WAIT_MS / 1000} s (${action}): it may have lost its leader (quorum: more than half of the managers must be online)`));
    }, SWARM_WAIT_MS);
  });
  try {
    return await Promise.race([engine.call(fn), bounded]);
  } catch (err) {
    if (!(err instanceof BerthError)) throw err;
    if (err.name === 'EngineError' && /not a swarm manager|node is not part of a swarm|from a worker node/i.test(err.message)) throw await notManager(engine, action);
    throw new BerthError(err.name, engineSaid(err.message));
  } finally {
    clearTimeout(timer);
  }
}

/** The `Unsupported` refusal of a manager's action, saying what this engine is instead (from `/info`). */
async function notManager(engine: Engine, action: string): Promise<BerthError> {
  const info = await new SwarmService(engine).info().catch(() => null);
  if (!info || info.role === 'none') {
    const state = info && info.state !== 'inactive' ? ` (its swarm state is ${info.state}${info.error ? `: ${info.error}` : ''})` : '';
    return new BerthError('Unsupported', `this engine is not part of a swarm${state}: only a swarm manager ${action}`);
  }
  const managers = info.remoteManagers.map((m) => m.address).join(', ');
  return new BerthError('Unsupported', `only a manager ${action}: this engine is a swarm worker${managers ? ` (its managers: ${managers})` : ''}`);
}
