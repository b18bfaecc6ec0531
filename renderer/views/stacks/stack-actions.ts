/**
 * Actions on a stack's existing containers through the engine API (no Compose needed), shared by the
 * Stacks view, a stack's details and the stack rows of the Containers view.
 */
import { client } from '../../client/client';
import { reportError } from '../../stores/notices';
import { VERB_METHOD, verbsFor, type ContainerVerb } from '../containers/actions';
import { ONEOFF_LABEL, SERVICE_LABEL, type Stack } from './group';
import type { ContainerSummary } from '../../../shared/model';

/** What can be done to all of a stack's containers at once. */
export type StackVerb = Exclude<ContainerVerb, 'Kill' | 'Remove'>;

/** The containers of `list` a verb applies to (those whose state offers it). */
export function targets(list: readonly ContainerSummary[], verb: StackVerb): ContainerSummary[] {
  return list.filter((c) => verbsFor(c.state).includes(verb));
}

/** A service's containers, one-off (`compose run`) containers left out. */
export function serviceContainers(s: Stack, service: string): ContainerSummary[] {
  return s.containers.filter((c) => c.labels[SERVICE_LABEL] === service && c.labels[ONEOFF_LABEL] !== 'True');
}

/**
 * Apply `verb` to every container of `list` it applies to, all at once; the first failure becomes a notice
 * naming `what` (`stack shop`, `service shop/web`). Resolves when every call has ended.
 */
export async function actOn(list: readonly ContainerSummary[], verb: StackVerb, what: string): Promise<void> {
  const results = await Promise.allSettled(targets(list, verb).map((c) => client().call(VERB_METHOD[verb], { id: c.id })));
  const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed.length) reportError(`${verb.toLowerCase()} ${what}${failed.length > 1 ? ` (${failed.length} containers failed)` : ''}`, failed[0]!.reason);
}
