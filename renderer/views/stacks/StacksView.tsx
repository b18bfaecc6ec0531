/**
 * The Stacks view: every Compose project the engine's containers belong to (their `com.docker.compose.*`
 * labels: stacks made by Compose v1, v2 or podman-compose, inside Berth or not), live with the container
 * list. A row: project, status (running n/m, partly running, exited: a half-started stack is never shown as
 * healthy; m is the container count), services, ports, compose files and working directory, created. Actions act on the
 * project's containers through the engine: Start, Stop, Restart, Pause/Unpause, Remove (containers only,
 * after a confirmation that lists them).
 */
import { useMemo, useState } from 'react';
import { client } from '../../client/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { MoreMenu, type MoreAction } from '../../components/MoreMenu';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { createdColumn } from '../../components/columns';
import { ViewHeader } from '../../components/ViewHeader';
import { reportError } from '../../stores/notices';
import { useContainers } from '../../stores/stores';
import { VERB_METHOD, needsForce, verbsFor, type ContainerVerb } from '../containers/actions';
import { groupStacks, SERVICE_LABEL, stackStatusText, type Stack } from './group';
import { DownStackDialog } from './DownStackDialog';
import { UpStackDialog } from './UpStackDialog';
import { ScaleDialog } from './ScaleDialog';

type StackVerb = Exclude<ContainerVerb, 'Kill' | 'Remove'>;

/** The containers of a stack a verb applies to (those whose state offers it). */
function targets(s: Stack, verb: StackVerb) {
  return s.containers.filter((c) => verbsFor(c.state).includes(verb));
}

function ports(s: Stack): string {
  const out = new Set<string>();
  for (const c of s.containers) for (const p of c.ports) if (p.publicPort) out.add(`${p.publicPort}→${p.privatePort}/${p.type}`);
  return [...out].join(', ');
}

function RemoveStackDialog({ stack, onClose }: { stack: Stack; onClose(): void }) {
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const up = stack.containers.filter((c) => needsForce(c.state));
  const confirm = async () => {
    setBusy(true);
    const failed: string[] = [];
    await Promise.all(
      stack.containers.map((c) =>
        client()
          .call('containers.remove', { id: c.id, force: needsForce(c.state) && force })
          .catch((err: Error) => failed.push(`${c.name}: ${err.message}`)),
      ),
    );
    if (failed.length) {
      setError(failed.join('\n'));
      setBusy(false);
    } else onClose();
  };
  return (
    <ConfirmDialog
      title={`Remove stack ${stack.project}?`}
      confirmLabel="Remove"
      canConfirm={!up.length || force}
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>This deletes the stack's {stack.containers.length} containers. Its volumes, networks and images are kept.</p>
      <ul aria-label="Containers to remove">
        {stack.containers.map((c) => (
          <li key={c.id}>
            {c.name} ({c.state})
          </li>
        ))}
      </ul>
      {up.length > 0 && (
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Force: stop and remove the {up.length} running container{up.length === 1 ? '' : 's'}
        </label>
      )}
    </ConfirmDialog>
  );
}

export function StacksView() {
  const { items, loaded } = useContainers();
  const [filter, setFilter] = useState('');
  const [busy, setBusy] = useState<Record<string, StackVerb | undefined>>({});
  const [removing, setRemoving] = useState<Stack | null>(null);
  const [downing, setDowning] = useState<Stack | null>(null);
  const [upping, setUpping] = useState(false);
  const [scaling, setScaling] = useState<Stack | null>(null);
  const stacks = useMemo(() => groupStacks(items), [items]);
  const rows = useMemo(() => {
    const t = filter.toLowerCase();
    return t ? stacks.filter((s) => s.project.toLowerCase().includes(t) || s.services.some((x) => x.toLowerCase().includes(t))) : stacks;
  }, [stacks, filter]);

  const act = async (s: Stack, verb: StackVerb) => {
    setBusy((b) => ({ ...b, [s.project]: verb }));
    try {
      const results = await Promise.allSettled(targets(s, verb).map((c) => client().call(VERB_METHOD[verb], { id: c.id })));
      const failed = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      if (failed.length) reportError(`${verb.toLowerCase()} stack ${s.project}`, failed[0]!.reason);
    } finally {
      setBusy((b) => ({ ...b, [s.project]: undefined }));
    }
  };

  const columns: Column<Stack>[] = [
    { id: 'project', header: 'Project', width: 'minmax(120px, 1.2fr)', sortValue: (s) => s.project, cell: (s) => <span className="name">{s.project}</span> },
    {
      id: 'status',
      header: 'Status',
      width: '180px',
      sortValue: (s) => stackStatusText(s),
      // The count of containers is in the text (n/m); the title lists them.
      cell: (s) => (
        <span
          className={`state ${s.state === 'running' ? 'running' : s.state === 'exited' ? 'exited' : 'paused'}`}
          title={s.containers.map((c) => `${c.name} (${c.labels[SERVICE_LABEL] ?? '?'}, ${c.state})`).join('\n')}
        >
          {stackStatusText(s)}
        </span>
      ),
    },
    { id: 'services', header: 'Services', width: 'minmax(90px, 1fr)', sortValue: (s) => s.services.join(','), cell: (s) => <span title={s.services.join(', ')}>{s.services.join(', ') || '—'}</span> },
    { id: 'ports', header: 'Ports', width: 'minmax(60px, 0.6fr)', cell: ports },
    {
      id: 'files',
      header: 'Compose files',
      width: 'minmax(90px, 0.9fr)',
      cell: (s) => <span title={[...s.configFiles, s.workingDir ? `in ${s.workingDir}` : ''].filter(Boolean).join('\n')}>{s.configFiles.map((f) => f.split('/').pop()).join(', ') || '—'}</span>,
    },
    createdColumn((s) => s.created),
    {
      id: 'actions',
      header: 'Actions',
      width: '350px',
      cell: (s) => {
        const button = (verb: StackVerb) => (
          <button key={verb} type="button" disabled={busy[s.project] !== undefined || !targets(s, verb).length} aria-busy={busy[s.project] === verb} title={`${verb} stack ${s.project}`} onClick={() => void act(s, verb)}>
            {verb}
          </button>
        );
        const more: MoreAction[] = [
          ...(['Restart', 'Pause', 'Unpause'] as const).map((verb) => ({
            label: verb,
            title: `${verb} stack ${s.project}`,
            disabled: busy[s.project] !== undefined || !targets(s, verb).length,
            onSelect: () => void act(s, verb),
          })),
          {
            label: 'Pull and recreate',
            title: `compose pull, then up -d: newer images for ${s.project}, containers recreated where they changed`,
            onSelect: () => void client().call('stacks.recreate', { project: s.project }).catch((err: unknown) => reportError(`pull and recreate ${s.project}`, err)),
          },
          { label: 'Scale…', title: `Change the number of replicas of a service of ${s.project}`, onSelect: () => setScaling(s) },
          { label: 'Down…', title: `compose down: remove ${s.project}'s containers and networks (volumes only when ticked)`, onSelect: () => setDowning(s) },
        ];
        return (
          <span className="actions">
            {s.state === 'running' ? button('Stop') : button('Start')}
            {s.state === 'partly running' && button('Stop')}
            <a className="button" role="button" href={`#/stack-logs/${encodeURIComponent(s.project)}`} title={`Logs of every service of ${s.project}`}>
              Logs
            </a>
            <button type="button" className="danger" title={`Remove stack ${s.project}`} onClick={() => setRemoving(s)}>
              Remove
            </button>
            <MoreMenu name={`stack ${s.project}`} actions={more} />
          </span>
        );
      },
    },
  ];

  return (
    <section className="view" aria-labelledby="stacks-title">
      <ViewHeader title="Stacks" shown={rows.length} total={stacks.length} loaded={loaded} filter={filter} onFilter={setFilter} placeholder="Filter by project or service…">
        <button type="button" className="primary" onClick={() => setUpping(true)} title="compose up -d from compose files">
          Up…
        </button>
      </ViewHeader>
      <VirtualTable
        label="Stacks"
        rows={rows}
        rowKey={(s) => s.project}
        columns={columns}
        initialSort={{ column: 'project', direction: 'ascending' }}
        empty={loaded ? (stacks.length ? 'No stack matches the filter.' : 'No Compose stacks: containers made by docker compose or podman-compose appear here, grouped by project.') : 'Loading containers…'}
      />
      {removing && <RemoveStackDialog stack={removing} onClose={() => setRemoving(null)} />}
      {downing && <DownStackDialog stack={downing} onClose={() => setDowning(null)} />}
      {upping && <UpStackDialog onClose={() => setUpping(false)} />}
      {scaling && <ScaleDialog stack={scaling} onClose={() => setScaling(null)} />}
    </section>
  );
}
