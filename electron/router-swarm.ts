/**
 * The router's handlers for the Swarm methods (shared/swarm-api.ts), spread into router.ts. A service
 * per call: it holds nothing but the engine.
 */
import type { SwarmMethodName } from '../shared/names';
import type { Handlers } from './router';
import type { Services } from './services';
import { SwarmNetworks } from './swarm/networks';
import { SwarmNodes } from './swarm/nodes';
import { SwarmObjects } from './swarm/objects';
import { SwarmService } from './swarm/service';
import { SwarmServiceWrites } from './swarm/services-write';
import { swarmInit, swarmJoin, swarmJoinTokens, swarmLeave } from './swarm/membership';
import { taskShell } from './swarm/task-shell';
import { planServiceLog, serviceExists } from './swarm/log-plan';
import { endOnRemoval } from './swarm/log-follow';
import { engineOfNode } from './engines/node-engine';

/** Handlers of every Swarm method, on the engine of `s`. */
export function swarmHandlers(s: Services): Pick<Handlers, SwarmMethodName> {
  return {
    'swarm.info': () => new SwarmService(s.engine).info(),
    'swarm.nodes': () => new SwarmService(s.engine).nodes(),
    'swarm.services': () => new SwarmService(s.engine).services(),
    'swarm.tasks': (a) => new SwarmService(s.engine).tasks(a),
    'swarm.overview': () => new SwarmService(s.engine).overview(),
    'swarm.serviceLogs': async (a) => {
      const plan = await planServiceLog(s.engine, a.service);
      const r = await s.logs.followService(plan, a);
      if (a.follow) endOnRemoval(s.logs, (l) => s.swarmChanges.subscribe(l), r.id, plan, () => serviceExists(s.engine, plan.id));
      return r;
    },
    'swarm.saveServiceLogs': async (a) => s.logs.saveService(await planServiceLog(s.engine, a.service), a),
    'swarm.taskShell': (a) => taskShell(s.engine, s.sessions, a, (node) => engineOfNode(node, s.engine.host)),
    'swarm.init': (a) => swarmInit(s.engine, a),
    'swarm.join': (a) => swarmJoin(s.engine, a),
    'swarm.leave': (a) => swarmLeave(s.engine, a),
    'swarm.joinTokens': () => swarmJoinTokens(s.engine),
    'swarm.updateNode': (a) => new SwarmNodes(s.engine).update(a),
    'swarm.removeNode': (a) => new SwarmNodes(s.engine).remove(a),
    'swarm.secrets': () => new SwarmObjects(s.engine, 'secret').list(),
    'swarm.createSecret': (a) => new SwarmObjects(s.engine, 'secret').create(a),
    'swarm.removeSecret': (a) => new SwarmObjects(s.engine, 'secret').remove(a),
    'swarm.configs': () => new SwarmObjects(s.engine, 'config').list(),
    'swarm.createConfig': (a) => new SwarmObjects(s.engine, 'config').create(a),
    'swarm.removeConfig': (a) => new SwarmObjects(s.engine, 'config').remove(a),
    'swarm.networks': () => new SwarmNetworks(s.engine).list(),
    'swarm.createNetwork': (a) => new SwarmNetworks(s.engine).create(a),
    'swarm.createService': (a) => new SwarmServiceWrites(s.engine, s.registry).create(a),
    'swarm.scaleService': (a) => new SwarmServiceWrites(s.engine).scale(a),
    'swarm.updateServiceImage': (a) => new SwarmServiceWrites(s.engine, s.registry).updateImage(a),
    'swarm.rollbackService': (a) => new SwarmServiceWrites(s.engine).rollback(a),
    'swarm.resumeServiceUpdate': (a) => new SwarmServiceWrites(s.engine).resume(a),
    'swarm.removeService': (a) => new SwarmServiceWrites(s.engine).remove(a),
  };
}
