/** Which lifecycle verbs apply to a container in a given state (as Docker Desktop offers them). */
import type { MethodName } from '../../../shared/api';
import type { ContainerState } from '../../../shared/model';

export type ContainerVerb = 'Start' | 'Stop' | 'Restart' | 'Pause' | 'Unpause' | 'Kill' | 'Remove';

export const VERB_METHOD: Record<Exclude<ContainerVerb, 'Remove'>, MethodName> = {
  Start: 'containers.start',
  Stop: 'containers.stop',
  Restart: 'containers.restart',
  Pause: 'containers.pause',
  Unpause: 'containers.unpause',
  Kill: 'containers.kill',
};

/** Verbs offered for a state, in display order. */
export function verbsFor(state: ContainerState): ContainerVerb[] {
  switch (state) {
    case 'running':
      return ['Stop', 'Restart', 'Pause', 'Kill', 'Remove'];
    case 'paused':
      return ['Unpause', 'Stop', 'Kill', 'Remove'];
    case 'restarting':
      return ['Stop', 'Kill', 'Remove'];
    case 'removing':
      return [];
    case 'created':
    case 'exited':
    case 'dead':
      return ['Start', 'Remove'];
  }
}

/** A running (or paused/restarting) container needs force to be removed. */
export function needsForce(state: ContainerState): boolean {
  return state === 'running' || state === 'paused' || state === 'restarting';
}
