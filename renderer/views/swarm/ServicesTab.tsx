/**
 * The Swarm view's Services tab: the table `Services` (`docker service ls`), a row's Tasks button filtering the
 * Tasks tab, Logs, and the writes (ServiceActions.tsx: Scale, Update image…, Rollback, Remove…); `Create service`
 * above the table (CreateServiceDialog.tsx).
 */
import { useState } from 'react';
import type { SwarmPort, SwarmService } from '../../../shared/swarm';
import { DismissibleAlert } from '../../components/DismissibleAlert';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { shortId } from '../../format';
import { swarmHref } from './route';
import { CreateServiceDialog } from './CreateServiceDialog';
import { ServiceDialogs, ServiceRowActions, type ServiceDialog } from './ServiceActions';
import { openServiceLogs, ServiceLogsHost } from './ServiceLogs';

const portText = (p: SwarmPort) => `${p.publishedPort ?? '?'}:${p.targetPort}/${p.protocol}${p.publishMode === 'host' ? ' (host)' : ''}`;

/**
 * The Replicas cell: `running/desired` as `docker service ls` counts them, then what is still moving
 * (`· 4 stopping`) or why fewer run than wanted (the newest task error, e.g. `· No such image: …`), the
 * whole in the title too (the cell may cut it).
 */
export function replicasText(s: SwarmService): { text: string; title: string; settled: boolean } {
  const r = s.replicas;
  const count = `${r.running}/${r.desired}`;
  const more = s.problem ?? (r.stopping ? `${r.stopping} stopping` : '');
  const text = more ? `${count} · ${more}` : count;
  const title = `${r.running} running of ${r.desired} wanted${r.stopping ? `, ${r.stopping} of them stopping` : ''}${r.completed ? `, ${r.completed} completed` : ''}${s.problem ? `: ${s.problem}` : ''}`;
  return { text, title, settled: r.running === r.desired && !r.stopping && !s.problem };
}

export function ServicesTable({ services }: { services: SwarmService[] }) {
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<ServiceDialog>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const columns: Column<SwarmService>[] = [
    { id: 'name', header: 'Name', width: 'minmax(120px, 1.2fr)', sortValue: (s) => s.name, cell: (s) => <span title={`Service ID ${s.id}`}>{s.name}</span> },
    { id: 'mode', header: 'Mode', width: '100px', sortValue: (s) => s.mode, cell: (s) => s.mode },
    {
      id: 'replicas',
      header: 'Replicas',
      width: 'minmax(110px, 1.6fr)',
      sortValue: (s) => s.replicas.running,
      cell: (s) => {
        const { text, title, settled } = replicasText(s);
        return (
          <span className={`state ${settled ? 'running' : 'paused'}`} title={title}>
            {text}
          </span>
        );
      },
    },
    {
      id: 'image',
      header: 'Image',
      width: 'minmax(140px, 1.5fr)',
      sortValue: (s) => s.image,
      cell: (s) => <span title={s.imageDigest ? `${s.image}@${s.imageDigest}` : s.image}>{s.imageDigest ? `${s.image}@${shortId(s.imageDigest)}` : s.image}</span>,
    },
    { id: 'ports', header: 'Ports', width: 'minmax(80px, 0.7fr)', cell: (s) => (s.ports.length ? <span title={s.ports.map(portText).join(', ')}>{s.ports.map(portText).join(', ')}</span> : <span className="muted">none</span>) },
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
      width: '272px',
      cell: (s) => (
        <span className="actions">
          <button type="button" title={`The tasks of service ${s.name}`} onClick={() => (window.location.hash = swarmHref({ tab: 'tasks', service: s.name }))}>
            Tasks
          </button>
          <button type="button" title={`The logs of service ${s.name}, from every node`} onClick={() => openServiceLogs(s.name, s.replicas)}>
            Logs
          </button>
          <ServiceRowActions service={s} open={setDialog} fail={setFailure} />
        </span>
      ),
    },
  ];
  return (
    <>
      <div className="swarm-filters">
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create service
        </button>
      </div>
      <DismissibleAlert text={failure} onDismiss={() => setFailure(null)} />
      <VirtualTable label="Services" rows={services} rowKey={(s) => s.id} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty="No services. Create one with Create service." />
      <ServiceLogsHost />
      {creating && <CreateServiceDialog onClose={() => setCreating(false)} />}
      <ServiceDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}
