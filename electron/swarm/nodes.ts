/**
 * Node actions on a swarm manager (issue #16): `docker node promote|demote`, `docker node update
 * --availability|--label-add|--label-rm` and `docker node rm [--force]`. An update sends the whole spec read
 * with its `Version.Index` (moby `POST /nodes/{id}/update?version=N`); when another change came between the
 * read and the write ("update out of sequence") it reads again and retries once. The engine's refusals
 * (demoting the last manager, removing a manager or a node that is not down) come back with its message.
 */
import type { SwarmNodeRemoveArgs, SwarmNodeUpdateArgs } from '../../shared/swarm-objects';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { managerOnly } from './manage';

/** A node's spec as moby's `NodeSpec`, and the version it was read at. */
interface RawNodeSpec {
  ID: string;
  Version?: { Index?: number };
  Spec?: { Name?: string; Labels?: Record<string, string> | null; Role?: string; Availability?: string };
}

/** The spec `a` asks for, from the spec read (`Name` and other labels kept). Pure. */
export function nextNodeSpec(spec: NonNullable<RawNodeSpec['Spec']>, a: SwarmNodeUpdateArgs): NonNullable<RawNodeSpec['Spec']> {
  const labels = { ...(spec.Labels ?? {}), ...(a.labelsAdd ?? {}) };
  for (const k of a.labelsRemove ?? []) delete labels[k];
  return { ...spec, Labels: labels, ...(a.role ? { Role: a.role } : {}), ...(a.availability ? { Availability: a.availability } : {}) };
}

export class SwarmNodes {
  constructor(private readonly engine: Engine) {}

  /**
   * Change a node's role, availability and/or labels. Resolves once the manager accepted the new spec (a
   * promotion or a drain then takes effect over the next seconds: the tasks move on the scheduler's time).
   * @throws BerthError `NotFound` (no such node), `EngineError` with the engine's message (e.g. "attempting to
   * demote the last manager of the swarm"), `Unsupported` unless a manager.
   */
  async update(a: SwarmNodeUpdateArgs): Promise<null> {
    for (let attempt = 0; ; attempt++) {
      const node = await managerOnly(this.engine, 'updates nodes', (d) => d.getNode(a.node).inspect() as Promise<RawNodeSpec>);
      const version = node.Version?.Index;
      if (version === undefined) throw new BerthError('EngineError', `the engine gave node ${a.node} no version: it cannot be updated`);
      try {
        await managerOnly(this.engine, 'updates nodes', (d) => d.getNode(node.ID).update({ _query: { version }, _body: nextNodeSpec(node.Spec ?? {}, a) }) as Promise<unknown>);
        return null;
      } catch (err) {
        if (attempt === 0 && err instanceof BerthError && /update out of sequence/i.test(err.message)) continue;
        throw err;
      }
    }
  }

  /**
   * Remove a node from the swarm (`docker node rm`; `force` for one that is not down).
   * @throws BerthError `NotFound`, `EngineError` with the engine's message ("node … is not down and can't be
   * removed", "… is a cluster manager … It must be demoted to worker before removal"), `Unsupported` unless a manager.
   */
  async remove(a: SwarmNodeRemoveArgs): Promise<null> {
    await managerOnly(this.engine, 'removes nodes', (d) => d.getNode(a.node).remove(a.force ? { force: true } : {}) as Promise<unknown>);
    return null;
  }
}
