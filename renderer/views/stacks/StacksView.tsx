/**
 * The Stacks view: every Compose project the engine's containers belong to (their `com.docker.compose.*`
 * labels: stacks made by Compose v1, v2 or podman-compose, inside Berth or not), live with the container
 * list. A row: project, status (running n/m, partly running, exited: a half-started stack is never shown as
 * healthy; m is the container count), services, ports, compose files and working directory, created, and
 * the stack's actions (StackActions.tsx). The project's name opens its details.
 */
import { useMemo, useState } from 'react';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { createdColumn } from '../../components/columns';
import { ViewHeader } from '../../components/ViewHeader';
import { useSelection } from '../../stores/selection';
import { useContainers } from '../../stores/stores';
import { groupStacks, SERVICE_LABEL, stackStatusText, type Stack } from './group';
import { StackActions, useStackDialogs } from './StackActions';
import { UpStackDialog } from './UpStackDialog';

function ports(s: Stack): string {
  const out = new Set<string>();
  for (const c of s.containers) for (const p of c.ports) if (p.publicPort) out.add(`${p.publicPort}→${p.privatePort}/${p.type}`);
  return [...out].join(', ');
}

export function StacksView() {
  const selected = useSelection((s) => s.stack);
  const select = useSelection((s) => s.select);
  const { items, loaded } = useContainers();
  const [filter, setFilter] = useState('');
  const [upping, setUpping] = useState(false);
  const { open, dialogs } = useStackDialogs();
  const stacks = useMemo(() => groupStacks(items), [items]);
  const rows = useMemo(() => {
    const t = filter.toLowerCase();
    return t ? stacks.filter((s) => s.project.toLowerCase().includes(t) || s.services.some((x) => x.toLowerCase().includes(t))) : stacks;
  }, [stacks, filter]);

  const columns: Column<Stack>[] = [
    { id: 'project', header: 'Project', width: 'minmax(120px, 1.2fr)', sortValue: (s) => s.project, cell: (s) => (
        <a className="name" href={`#/stack/${encodeURIComponent(s.project)}/services`} title={`Details of stack ${s.project}: services, configuration, commands`}>
          {s.project}
        </a>
      ),
    },
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
    { id: 'actions', header: 'Actions', width: '350px', cell: (s) => <StackActions stack={s} open={open} /> },
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
        selected={selected}
        onSelect={(key) => select('stack', key)}
        rows={rows}
        rowKey={(s) => s.project}
        columns={columns}
        initialSort={{ column: 'project', direction: 'ascending' }}
        empty={loaded ? (stacks.length ? 'No stack matches the filter.' : 'No Compose stacks: containers made by docker compose or podman-compose appear here, grouped by project.') : 'Loading containers…'}
      />
      {upping && <UpStackDialog onClose={() => setUpping(false)} />}
      {dialogs}
    </section>
  );
}
