/**
 * The router's handlers for the Swarm methods (shared/swarm-api.ts), spread into router.ts. A service
 * per call: it holds nothing but the engine.
 */
import type { SwarmMethodName } from '../shared/names';
import type { Handlers } from './router';
import type { Services } from './services';
import { SwarmService } from './swarm/service';

/** Handlers of every Swarm method, on the engine of `s`. */
export function swarmHandlers(s: Services): Pick<Handlers, SwarmMethodName> {
  return {
    'swarm.info': () => new SwarmService(s.engine).info(),
    'swarm.nodes': () => new SwarmService(s.engine).nodes(),
    'swarm.services': () => new SwarmService(s.engine).services(),
    'swarm.tasks': (a) => new SwarmService(s.engine).tasks(a),
  };
}
