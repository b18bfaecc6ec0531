/**
 * The Swarm view's Services tab: the table `Services` (`docker service ls`), a row's Tasks button filtering the
 * Tasks tab, Logs, and the writes (ServiceActions.tsx: Scale, Update image…, Resume update, Rollback, Remove…);
 * `Create service` above the table (CreateServiceDialog.tsx). A rolling update shows its progress and a paused one
 * its reason as text with Resume update and Rollback in the row (rollout-text.ts); changes of update state are
 * announced in the `Service updates` status beside Create service.
 */
import { useEffect, useRef, useState } from 'react';
import type { SwarmPort, SwarmService } from '../../../shared/swarm';
import { DismissibleAlert } from '../../components/DismissibleAlert';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { shortId } from '../../format';
import { swarmHref } from './route';
import { CreateServiceDialog } from './CreateServiceDialog';
import { PausedUpdateActions, ServiceDialogs, ServiceRowActions, type ServiceDialog } from './ServiceActions';
import { imageText, updateAnnouncement, updateText } from './rollout-text';
import { openServiceLogs, ServiceLogsHost } from './ServiceLogs';

const portText = (p: SwarmPort) => `${p.publishedPort ?? '?'}:${p.targetPort}/${p.protocol}${p.publishMode === 'host' ? ' (host)' : ''}`;

/**
 * The Replicas cell: `count`, `running/desired` as `docker service ls` counts them, and `more`, what is still
 * moving (`4 stopping`) or why fewer run than wanted (the newest task error, e.g. `No such image: …`), shown on a
 * line of its own; the whole in `title` too.
 */
export function replicasText(s: SwarmService): { count: string; more: string; title: string; settled: boolean } {
  const r = s.replicas;
  const count = `${r.running}/${r.desired}`;
  const more = s.problem ?? (r.stopping ? `${r.stopping} stopping` : '');
  const title = `${r.running} running of ${r.desired} wanted${r.stopping ? `, ${r.stopping} of them stopping` : ''}${r.completed ? `, ${r.completed} completed` : ''}${s.problem ? `: ${s.problem}` : ''}`;
  return { count, more, title, settled: r.running === r.desired && !r.stopping && !s.problem };
}

/** Row height, px: room for more lines for an update's progress or a paused one's reason (and Resume update / Rollback), or images side by side. */
const rowHeight = (s: SwarmService) => (updateText(s).text.length > 16 || imageText(s, shortId).lines.length > 1 || replicasText(s).more ? 64 : 40);

/**
 * The latest change of update state among `services` (`web1: update paused: task rejected: …`), kept until another
 * comes: said by a polite `status` region, once per change, not at every refresh.
 */
function useUpdateAnnouncement(services: SwarmService[]): string {
  const seen = useRef<Map<string, SwarmService> | null>(null);
  const [said, setSaid] = useState('');
  useEffect(() => {
    const before = seen.current;
    seen.current = new Map(services.map((s) => [s.id, s]));
    if (!before) return;
    const news = services.map((s) => updateAnnouncement(before.get(s.id), s)).filter((t): t is string => !!t);
    if (news.length) setSaid(news.join('; '));
  }, [services]);
  return said;
}

export function ServicesTable({ services }: { services: SwarmService[] }) {
  const [creating, setCreating] = useState(false);
  const [dialog, setDialog] = useState<ServiceDialog>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const announcement = useUpdateAnnouncement(services);
  const columns: Column<SwarmService>[] = [
    { id: 'name', header: 'Name', width: 'minmax(140px, 1.4fr)', sortValue: (s) => s.name, cell: (s) => <span title={`Service ID ${s.id}`}>{s.name}</span> },
    { id: 'mode', header: 'Mode', width: '96px', sortValue: (s) => s.mode, cell: (s) => s.mode },
    {
      id: 'replicas',
      header: 'Replicas',
      width: 'minmax(110px, 1.3fr)',
      sortValue: (s) => s.replicas.running,
      cell: (s) => {
        const { count, more, title, settled } = replicasText(s);
        // The reason on a line of its own that wraps (two lines at most): cut to one line it said "0/1 · No su…".
        return (
          <span className={`cell-lines state ${settled ? 'running' : 'paused'}`} title={title}>
            <span className="line">{count}</span>
            {more && (
              <span className="replicas-more">
                <span className="visually-hidden"> · </span>
                {more}
              </span>
            )}
          </span>
        );
      },
    },
    {
      id: 'image',
      header: 'Image',
      // The widest text column: an image reference with its digest, whose tag is what tells versions apart. The
      // name comes first, though: it is the row's identity (at 1280×720 a 0.9fr name cut `slowstop-…` to 9 characters).
      width: 'minmax(160px, 2fr)',
      sortValue: (s) => s.image,
      cell: (s) => {
        const { lines, title } = imageText(s, shortId);
        return (
          <span className="cell-lines" title={title}>
            {lines.map((l) => (
              <span key={l} className="line">
                {l}
              </span>
            ))}
          </span>
        );
      },
    },
    { id: 'ports', header: 'Ports', width: 'minmax(64px, 0.5fr)', cell: (s) => (s.ports.length ? <span title={s.ports.map(portText).join(', ')}>{s.ports.map(portText).join(', ')}</span> : <span className="muted">none</span>) },
    {
      id: 'update',
      header: 'Update',
      width: 'minmax(110px, 1fr)',
      sortValue: (s) => s.updateStatus?.state ?? '',
      cell: (s) => {
        const { text, title, paused } = updateText(s);
        return (
          <span className={paused ? 'update-text paused' : s.updateStatus ? 'update-text' : 'muted'} title={title}>
            {text}
          </span>
        );
      },
    },
    {
      id: 'actions',
      header: 'Actions',
      width: '272px',
      cell: (s) => (
        <span className="cell-lines">
          <span className="actions">
            <button type="button" title={`The tasks of service ${s.name}`} onClick={() => (window.location.hash = swarmHref({ tab: 'tasks', service: s.name }))}>
            Tasks
          </button>
          <button type="button" title={`The logs of service ${s.name}, from every node`} onClick={() => openServiceLogs(s.name, s.replicas)}>
            Logs
          </button>
          <ServiceRowActions service={s} open={setDialog} fail={setFailure} />
          </span>
          {updateText(s).paused && <PausedUpdateActions service={s} open={setDialog} fail={setFailure} />}
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
        <span role="status" aria-label="Service updates" className="muted">
          {announcement}
        </span>
      </div>
      <DismissibleAlert text={failure} onDismiss={() => setFailure(null)} />
      <VirtualTable label="Services" rows={services} rowKey={(s) => s.id} rowHeightOf={rowHeight} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty="No services. Create one with Create service." />
      <ServiceLogsHost />
      {creating && <CreateServiceDialog onClose={() => setCreating(false)} />}
      <ServiceDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}
