/** The Swarm view's Tasks tab: the table `Swarm tasks` (`docker service ps` / `docker node ps`), filtered by service and node. */
import { useMemo } from 'react';
import type { SwarmNode, SwarmService, SwarmTask } from '../../../shared/swarm';
import { Ago } from '../../components/Ago';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { shortId } from '../../format';
import { swarmHref, type SwarmRoute } from './route';
import { openTaskShell } from './task-shell';
import { taskOrderKey } from './task-order';

/** What the CLI shows under ERROR, and for a pending task why it waits (the scheduler's message). */
function taskProblem(t: SwarmTask): string {
  if (t.error) return t.error;
  if (t.state === 'pending' || t.state === 'assigned' || t.state === 'allocated') return t.message;
  return '';
}

export function TasksPanel({ tasks, services, nodes, route }: { tasks: SwarmTask[]; services: SwarmService[]; nodes: SwarmNode[]; route: SwarmRoute }) {
  const shown = useMemo(() => tasks.filter((t) => (!route.service || t.serviceName === route.service) && (!route.node || t.nodeHostname === route.node)), [tasks, route.service, route.node]);
  const serviceNames = useMemo(() => [...new Set([...services.map((s) => s.name), ...(route.service ? [route.service] : [])])].sort(), [services, route.service]);
  const hostnames = useMemo(() => [...new Set([...nodes.map((n) => n.hostname), ...(route.node ? [route.node] : [])])].sort(), [nodes, route.node]);
  const go = (r: Partial<SwarmRoute>) => (window.location.hash = swarmHref({ ...route, ...r, tab: 'tasks' }));
  const columns: Column<SwarmTask>[] = [
    { id: 'name', header: 'Name', width: 'minmax(200px, 1.4fr)', sortValue: taskOrderKey, cell: (t) => <span title={`Task ID ${t.id}`}>{t.name}</span> },
    { id: 'node', header: 'Node', width: 'minmax(100px, 0.7fr)', sortValue: (t) => t.nodeHostname ?? '', cell: (t) => t.nodeHostname ?? <span className="muted">unassigned</span> },
    { id: 'desired', header: 'Desired', width: '90px', sortValue: (t) => t.desiredState, cell: (t) => t.desiredState },
    { id: 'current', header: 'Current', width: '110px', sortValue: (t) => t.state, cell: (t) => <span className={`state ${t.state === 'running' ? 'running' : t.state === 'failed' || t.state === 'rejected' ? 'dead' : t.desiredState === 'running' ? 'paused' : 'exited'}`}>{t.state}</span> },
    {
      id: 'error',
      header: 'Error',
      width: 'minmax(160px, 1.8fr)',
      cell: (t) => {
        const p = taskProblem(t);
        return p ? <span className={t.error ? 'error-cell' : undefined} title={p}>{p}</span> : <span className="muted">none</span>;
      },
    },
    { id: 'container', header: 'Container', width: '130px', cell: (t) => (t.containerId ? <code title={t.containerId}>{shortId(t.containerId)}</code> : <span className="muted">none</span>) },
    { id: 'since', header: 'Since', width: '140px', sortValue: (t) => t.since ?? 0, cell: (t) => (t.since ? <Ago ms={t.since} /> : '—') },
    {
      id: 'actions',
      header: 'Actions',
      width: '80px',
      cell: (t) =>
        t.state === 'running' && t.containerId ? (
          <span className="actions">
            <button type="button" title={`A shell (sh) in ${t.name}'s container, on ${t.nodeHostname ?? 'its node'}`} onClick={() => void openTaskShell(t)}>
              Shell
            </button>
          </span>
        ) : null,
    },
  ];
  return (
    <>
      <div className="swarm-filters">
        <label>
          Service{' '}
          <select value={route.service ?? ''} onChange={(e) => go({ service: e.target.value || undefined })}>
            <option value="">All services</option>
            {serviceNames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <label>
          Node{' '}
          <select value={route.node ?? ''} onChange={(e) => go({ node: e.target.value || undefined })}>
            <option value="">All nodes</option>
            {hostnames.map((n) => (
              <option key={n} value={n}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <span className="count">
          {shown.length} of {tasks.length} tasks
        </span>
      </div>
      <VirtualTable label="Swarm tasks" rows={shown} rowKey={(t) => t.id} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty={tasks.length ? 'No task matches the filters.' : 'No tasks.'} />
    </>
  );
}
