/**
 * The Swarm view (`#/swarm/<tab>`, issue #16): on a swarm manager, tabs for the cluster's Nodes, Services and
 * tasks (the table is named "Swarm tasks": the "Tasks" navigation link is Berth's own long work). On a worker,
 * an engine in no swarm or Podman it explains, from `swarm.info`, why there is nothing to list. Live through
 * `swarm.changes` (useSwarm.ts), never polled.
 */
import { useMemo } from 'react';
import type { SwarmInfo, SwarmNode, SwarmPort, SwarmService, SwarmTask } from '../../../shared/swarm';
import { Ago } from '../../components/Ago';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { shortId } from '../../format';
import { parseSwarmRoute, SWARM_TAB_NAMES, SWARM_TABS, swarmHref, type SwarmRoute } from './route';
import { useSwarm } from './useSwarm';

const labelsText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => (v ? `${k}=${v}` : k))
    .join(', ');

function NodesTable({ nodes }: { nodes: SwarmNode[] }) {
  const columns: Column<SwarmNode>[] = [
    {
      id: 'hostname',
      header: 'Hostname',
      width: 'minmax(180px, 1.2fr)',
      sortValue: (n) => n.hostname,
      cell: (n) => (
        <span title={`Node ID ${n.id}${n.self ? ' (the engine Berth talks to)' : ''}`}>
          {n.hostname}
          {n.self && <span className="muted"> (this engine)</span>}
        </span>
      ),
    },
    {
      id: 'role',
      header: 'Role',
      width: '150px',
      sortValue: (n) => `${n.role}${n.leader ? '0' : '1'}`,
      cell: (n) => (n.role === 'manager' ? <span title={n.reachability ? `Reachability: ${n.reachability}` : undefined}>{n.leader ? 'manager (leader)' : `manager (${n.reachability ?? 'unknown'})`}</span> : 'worker'),
    },
    { id: 'availability', header: 'Availability', width: '116px', sortValue: (n) => n.availability, cell: (n) => <span className={`state ${n.availability === 'active' ? 'running' : 'paused'}`}>{n.availability}</span> },
    { id: 'status', header: 'Status', width: '110px', sortValue: (n) => n.status, cell: (n) => <span className={`state ${n.status === 'ready' ? 'running' : 'exited'}`} title={n.statusMessage || undefined}>{n.status}</span> },
    { id: 'engine', header: 'Engine', width: 'minmax(150px, 0.8fr)', sortValue: (n) => n.engineVersion, cell: (n) => <span title={n.engineVersion || undefined}>{n.engineVersion || '—'}</span> },
    { id: 'address', header: 'Address', width: '130px', sortValue: (n) => n.address, cell: (n) => n.address },
    { id: 'labels', header: 'Labels', width: 'minmax(100px, 1fr)', cell: (n) => <span title={labelsText(n.labels) || undefined}>{labelsText(n.labels) || <span className="muted">none</span>}</span> },
  ];
  return <VirtualTable label="Nodes" rows={nodes} rowKey={(n) => n.id} columns={columns} initialSort={{ column: 'hostname', direction: 'ascending' }} empty="No nodes." />;
}

const portText = (p: SwarmPort) => `${p.publishedPort ?? '?'}:${p.targetPort}/${p.protocol}${p.publishMode === 'host' ? ' (host)' : ''}`;

function ServicesTable({ services }: { services: SwarmService[] }) {
  const columns: Column<SwarmService>[] = [
    { id: 'name', header: 'Name', width: 'minmax(120px, 1.2fr)', sortValue: (s) => s.name, cell: (s) => <span title={`Service ID ${s.id}`}>{s.name}</span> },
    { id: 'mode', header: 'Mode', width: '110px', sortValue: (s) => s.mode, cell: (s) => s.mode },
    {
      id: 'replicas',
      header: 'Replicas',
      width: '90px',
      sortValue: (s) => s.replicas.running,
      cell: (s) => (
        <span className={`state ${s.replicas.running === s.replicas.desired ? 'running' : 'paused'}`} title={`${s.replicas.running} running of ${s.replicas.desired} wanted${s.replicas.completed ? `, ${s.replicas.completed} completed` : ''}`}>
          {s.replicas.running}/{s.replicas.desired}
        </span>
      ),
    },
    {
      id: 'image',
      header: 'Image',
      width: 'minmax(140px, 1.5fr)',
      sortValue: (s) => s.image,
      cell: (s) => <span title={s.imageDigest ? `${s.image}@${s.imageDigest}` : s.image}>{s.imageDigest ? `${s.image}@${shortId(s.imageDigest)}` : s.image}</span>,
    },
    { id: 'ports', header: 'Ports', width: 'minmax(80px, 1fr)', cell: (s) => (s.ports.length ? <span title={s.ports.map(portText).join(', ')}>{s.ports.map(portText).join(', ')}</span> : <span className="muted">none</span>) },
    {
      id: 'update',
      header: 'Update',
      width: '130px',
      sortValue: (s) => s.updateStatus?.state ?? '',
      cell: (s) => (s.updateStatus ? <span title={s.updateStatus.message || undefined}>{s.updateStatus.state.replace('_', ' ')}</span> : <span className="muted">none</span>),
    },
    {
      id: 'actions',
      header: 'Actions',
      width: '80px',
      cell: (s) => (
        <span className="actions">
          <button type="button" title={`The tasks of service ${s.name}`} onClick={() => (window.location.hash = swarmHref({ tab: 'tasks', service: s.name }))}>
            Tasks
          </button>
        </span>
      ),
    },
  ];
  return <VirtualTable label="Services" rows={services} rowKey={(s) => s.id} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty="No services. Create one with docker service create on this manager." />;
}

/** What the CLI shows under ERROR, and for a pending task why it waits (the scheduler's message). */
function taskProblem(t: SwarmTask): string {
  if (t.error) return t.error;
  if (t.state === 'pending' || t.state === 'assigned' || t.state === 'allocated') return t.message;
  return '';
}

function TasksPanel({ tasks, services, nodes, route }: { tasks: SwarmTask[]; services: SwarmService[]; nodes: SwarmNode[]; route: SwarmRoute }) {
  const shown = useMemo(() => tasks.filter((t) => (!route.service || t.serviceName === route.service) && (!route.node || t.nodeHostname === route.node)), [tasks, route.service, route.node]);
  const serviceNames = useMemo(() => [...new Set([...services.map((s) => s.name), ...(route.service ? [route.service] : [])])].sort(), [services, route.service]);
  const hostnames = useMemo(() => [...new Set([...nodes.map((n) => n.hostname), ...(route.node ? [route.node] : [])])].sort(), [nodes, route.node]);
  const go = (r: Partial<SwarmRoute>) => (window.location.hash = swarmHref({ ...route, ...r, tab: 'tasks' }));
  const columns: Column<SwarmTask>[] = [
    { id: 'name', header: 'Name', width: 'minmax(120px, 1.2fr)', sortValue: (t) => `${t.serviceName}.${String(t.slot ?? 0).padStart(6, '0')}`, cell: (t) => <span title={`Task ID ${t.id}`}>{t.name}</span> },
    { id: 'node', header: 'Node', width: 'minmax(90px, 0.8fr)', sortValue: (t) => t.nodeHostname ?? '', cell: (t) => t.nodeHostname ?? <span className="muted">unassigned</span> },
    { id: 'desired', header: 'Desired', width: '90px', sortValue: (t) => t.desiredState, cell: (t) => t.desiredState },
    { id: 'current', header: 'Current', width: '90px', sortValue: (t) => t.state, cell: (t) => <span className={`state ${t.state === 'running' ? 'running' : t.state === 'failed' || t.state === 'rejected' ? 'dead' : t.desiredState === 'running' ? 'paused' : 'exited'}`}>{t.state}</span> },
    {
      id: 'error',
      header: 'Error',
      width: 'minmax(120px, 1.6fr)',
      cell: (t) => {
        const p = taskProblem(t);
        return p ? <span className={t.error ? 'error-cell' : undefined} title={p}>{p}</span> : <span className="muted">none</span>;
      },
    },
    { id: 'container', header: 'Container', width: '130px', cell: (t) => (t.containerId ? <code title={t.containerId}>{shortId(t.containerId)}</code> : <span className="muted">none</span>) },
    { id: 'since', header: 'Since', width: '140px', sortValue: (t) => t.since ?? 0, cell: (t) => (t.since ? <Ago ms={t.since} /> : '—') },
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

/** Why this engine lists nothing: Podman, a worker (naming its managers), no swarm, or a swarm in trouble. */
function Explanation({ info }: { info: SwarmInfo }) {
  if (info.unsupported) return <p className="swarm-why">{info.unsupported}. Add or choose a Docker Engine that manages a swarm in Engines to see one.</p>;
  if (info.role === 'worker') {
    const managers = info.remoteManagers.map((m) => m.address);
    return (
      <p className="swarm-why">
        This engine is a worker node of a swarm: only a manager lists the swarm&apos;s nodes, services and tasks.
        {managers.length ? ` Its managers: ${managers.join(', ')}. Add one of them in Engines to see the swarm.` : ' It knows no manager now.'}
      </p>
    );
  }
  if (info.state === 'inactive')
    return <p className="swarm-why">This engine is not part of a swarm (swarm state inactive). Make it a manager with docker swarm init, or choose a swarm manager in Engines.</p>;
  return (
    <p className="swarm-why">
      This engine&apos;s swarm state is {info.state}
      {info.error ? `: ${info.error}` : ''}. It cannot list the swarm now{info.state === 'locked' ? ' (unlock it with docker swarm unlock)' : ''}.
    </p>
  );
}

function infoText(info: SwarmInfo): string {
  if (info.role !== 'manager') return '';
  return `Manager of a swarm of ${info.nodes ?? '?'} nodes (${info.managers ?? '?'} manager${info.managers === 1 ? '' : 's'})`;
}

export function SwarmView({ sub = '' }: { sub?: string }) {
  const route = parseSwarmRoute(sub);
  const data = useSwarm();
  const info = data.info;
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
          </div>
        </>
      ) : null}
    </section>
  );
}
