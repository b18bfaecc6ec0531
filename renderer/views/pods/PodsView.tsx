/**
 * The Pods view (Podman): `podman pod ps` with each pod's containers and published ports; Start/Stop,
 * Restart, Pause/Unpause, Generate Kubernetes YAML, Remove (confirmed); Play Kubernetes YAML. Live: the list
 * is fetched again whenever the engine's containers change (a pod's state is its containers'). On Docker it
 * says pods need Podman.
 */
import { useEffect, useState } from 'react';
import type { PodSummary } from '../../../shared/pods';
import { client } from '../../client/client';
import { Ago } from '../../components/Ago';
import { MoreMenu } from '../../components/MoreMenu';
import { useTextFilter } from '../../components/useTextFilter';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { ViewHeader } from '../../components/ViewHeader';
import { reportError } from '../../stores/notices';
import { useContainers } from '../../stores/stores';
import { GenerateKubeDialog, PlayKubeDialog, RemovePodDialog } from './PodDialogs';

type Action = 'start' | 'stop' | 'restart' | 'pause' | 'unpause';


export function PodsView() {
  // The containers list is live (engine events); its version keys the pods call, so a change refetches.
  const [version, setVersion] = useState(0);
  // Every change of the (live) containers list asks again, 150 ms after the last of a burst.
  useEffect(() => useContainers.subscribe(() => setVersion((v) => v + 1)), []);
  // The last answer stays shown while the next is fetched (no flicker to "Loading").
  const [pods, setPods] = useState<{ rows: PodSummary[]; error?: Error; loaded: boolean }>({ rows: [], loaded: false });
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      client()
        .call('pods.list', {})
        .then(
          (rows) => live && setPods({ rows, loaded: true }),
          (error: Error) => live && setPods((p) => ({ ...p, error, loaded: true })),
        );
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [version]);
  const rows = pods.rows;
  const [dialog, setDialog] = useState<{ kind: 'play' } | { kind: 'generate'; pod: string } | { kind: 'remove'; pod: PodSummary } | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const { filter, setFilter, shown } = useTextFilter(rows);
  const act = (p: PodSummary, action: Action) => {
    setBusy(p.id);
    client()
      .call('pods.act', { pod: p.id, action })
      .catch((e) => reportError(`${action} pod ${p.name}`, e))
      .finally(() => {
        setBusy(null);
        setVersion((v) => v + 1);
      });
  };
  const columns: Column<PodSummary>[] = [
    { id: 'name', header: 'Name', width: 'minmax(140px, 1.5fr)', sortValue: (p) => p.name, cell: (p) => <span title={p.id}>{p.name}</span> },
    { id: 'status', header: 'Status', width: '100px', sortValue: (p) => p.status, cell: (p) => <span className={`state ${p.status.toLowerCase()}`}>{p.status}</span> },
    {
      id: 'containers',
      header: 'Containers',
      width: 'minmax(180px, 2fr)',
      sortValue: (p) => p.containers.length,
      cell: (p) => {
        const own = p.containers.filter((c) => !c.infra);
        const text = own.map((c) => `${c.name} (${c.state})`).join(', ');
        return <span title={text}>{`${own.filter((c) => c.state === 'running').length}/${own.length}: ${text || 'none'}`}</span>;
      },
    },
    { id: 'infra', header: 'Infra', width: '112px', cell: (p) => (p.infraId ? <code title={p.infraId}>{p.infraId.slice(0, 12)}</code> : <span className="muted">none</span>) },
    { id: 'ports', header: 'Ports', width: 'minmax(60px, 0.8fr)', cell: (p) => <span title={p.ports.join(', ')}>{p.ports.join(', ')}</span> },
    { id: 'created', header: 'Created', width: '140px', sortValue: (p) => p.created, cell: (p) => <Ago ms={p.created} /> },
    {
      id: 'actions',
      header: 'Actions',
      width: '228px',
      cell: (p) => {
        const running = p.status === 'Running' || p.status === 'Degraded';
        return (
          <span className="actions">
            {running ? (
              <button type="button" disabled={busy === p.id} title={`Stop pod ${p.name}`} onClick={() => act(p, 'stop')}>
                Stop
              </button>
            ) : (
              <button type="button" disabled={busy === p.id} title={`Start pod ${p.name}`} onClick={() => act(p, 'start')}>
                Start
              </button>
            )}
            <button type="button" className="danger" title={`Remove pod ${p.name}`} onClick={() => setDialog({ kind: 'remove', pod: p })}>
              Remove
            </button>
            <MoreMenu
              name={`pod ${p.name}`}
              actions={[
                { label: 'Restart', onSelect: () => act(p, 'restart'), disabled: busy === p.id },
                p.status === 'Paused' ? { label: 'Unpause', onSelect: () => act(p, 'unpause') } : { label: 'Pause', onSelect: () => act(p, 'pause'), disabled: !running },
                { label: 'Generate Kubernetes YAML', onSelect: () => setDialog({ kind: 'generate', pod: p.name }) },
              ]}
            />
          </span>
        );
      },
    },
  ];
  const unsupported = !!pods.error && /pods need Podman/.test(pods.error.message);
  return (
    <section className="view" aria-labelledby="pods-title">
      <ViewHeader title="Pods" shown={shown.length} total={rows.length} loaded={pods.loaded} filter={filter} onFilter={setFilter} placeholder="Filter by name, status, container…">
        <button type="button" className="primary" disabled={!!unsupported} onClick={() => setDialog({ kind: 'play' })}>
          Play Kubernetes YAML
        </button>
      </ViewHeader>
      {unsupported ? (
        <p className="muted">{pods.error?.message}. Add or choose a Podman engine in Engines to manage pods.</p>
      ) : (
        <>
          {pods.error && (
            <p role="alert" className="error-text">
              {pods.error.message}
            </p>
          )}
          <VirtualTable label="Pods" rows={shown} rowKey={(p) => p.id} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty={pods.loaded ? (rows.length ? 'No pod matches the filter.' : 'No pods. Play Kubernetes YAML to make one.') : 'Loading pods…'} />
        </>
      )}
      {dialog?.kind === 'play' && <PlayKubeDialog onClose={() => setDialog(null)} />}
      {dialog?.kind === 'generate' && <GenerateKubeDialog name={dialog.pod} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'remove' && <RemovePodDialog pod={dialog.pod} onClose={() => setDialog(null)} onDone={() => setVersion((v) => v + 1)} />}
    </section>
  );
}
