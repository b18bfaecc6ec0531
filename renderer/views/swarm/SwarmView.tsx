/**
 * The Swarm view (`#/swarm/<tab>`, issue #16): on a swarm manager, tabs for the cluster's Nodes, Services,
 * tasks, Secrets, Configs and overlay Networks (the table is named "Swarm tasks": the "Tasks" navigation link is Berth's own long work). On a worker,
 * an engine in no swarm or Podman it explains, from `swarm.info`, why there is nothing to list. Live through
 * `swarm.changes` (useSwarm.ts), never polled.
 */
import { useEffect } from 'react';
import type { SwarmInfo } from '../../../shared/swarm';
import { Explanation } from './Explanation';
import { NetworksTab } from './NetworksTab';
import { NodesTable } from './NodesTab';
import { ObjectsTab } from './ObjectsTab';
import { parseSwarmRoute, SWARM_TAB_NAMES, SWARM_TABS, swarmHref } from './route';
import { ServicesTable } from './ServicesTab';
import { TasksPanel } from './TasksTab';
import { useSwarm } from './useSwarm';
import { reportConvergence } from './convergence';

function infoText(info: SwarmInfo): string {
  if (info.role !== 'manager') return '';
  return `Manager of a swarm of ${info.nodes ?? '?'} nodes (${info.managers ?? '?'} manager${info.managers === 1 ? '' : 's'})`;
}

export function SwarmView({ sub = '' }: { sub?: string }) {
  const route = parseSwarmRoute(sub);
  const data = useSwarm();
  const info = data.info;
  // A service created here is followed until its tasks run or the engine says why they cannot (convergence.ts).
  useEffect(() => reportConvergence(data.services), [data.services]);
  return (
    <section className="view" aria-labelledby="swarm-title">
      <header className="view-head">
        <h1 id="swarm-title">Swarm</h1>
        <span className="count">{info ? infoText(info) : data.loaded ? '' : 'Loading…'}</span>
      </header>
      {data.error && (
        <p role="alert" className="error-text">
          {data.error.message}
        </p>
      )}
      {info && info.role !== 'manager' ? (
        <Explanation info={info} />
      ) : info ? (
        <>
          <div role="tablist" aria-label="Swarm" className="tabs">
            {SWARM_TABS.map((t) => (
              <a key={t} role="tab" aria-selected={t === route.tab} className="tab" href={swarmHref({ tab: t })} id={`swtab-${t}`}>
                {SWARM_TAB_NAMES[t]}
              </a>
            ))}
          </div>
          <div role="tabpanel" aria-labelledby={`swtab-${route.tab}`} className="container-panel swarm-panel">
            {route.tab === 'nodes' && <NodesTable nodes={data.nodes} />}
            {route.tab === 'services' && <ServicesTable services={data.services} />}
            {route.tab === 'tasks' && <TasksPanel tasks={data.tasks} services={data.services} nodes={data.nodes} route={route} />}
            {route.tab === 'secrets' && <ObjectsTab kind="secret" />}
            {route.tab === 'configs' && <ObjectsTab kind="config" />}
            {route.tab === 'networks' && <NetworksTab />}
          </div>
        </>
      ) : null}
    </section>
  );
}
