/**
 * The Containers view: every container (`docker ps -a`), live, with filter, sort and lifecycle actions. A
 * Compose stack's containers sit under their stack's header row (collapsible; the stack's state and
 * actions), as Docker Desktop and Podman Desktop show them, and on Podman a pod's containers under their pod's
 * header (its containers' states, the infra container marked), unless "Group by stack and pod" is off. On
 * Podman a container's More menu offers its Kubernetes YAML.
 */
import { useMemo, useState } from 'react';
import type { ContainerSummary } from '../../../shared/model';
import { containerStatusText } from '../../../shared/container-status';
import { client } from '../../client/client';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { createdColumn } from '../../components/columns';
import { ViewHeader } from '../../components/ViewHeader';
import { useSelection } from '../../stores/selection';
import { go, MoreMenu, type MoreAction } from '../../components/MoreMenu';
import { shortId } from '../../format';
import { useNow } from '../../stores/clock';
import { reportError } from '../../stores/notices';
import { useContainers, useEngine } from '../../stores/stores';
import { GenerateKubeDialog } from '../pods/PodDialogs';
import { VERB_METHOD, verbsFor, type ContainerVerb } from './actions';
import { RemoveContainerDialog } from './RemoveContainerDialog';
import { RunDialog } from './RunDialog';
import { openSession } from '../terminals/open';
import { groupStacks, projectOf, SERVICE_LABEL, stackStatusText } from '../stacks/group';
import { StackActions, useStackDialogs } from '../stacks/StackActions';
import { groupOf, parseGroup, podSummaryText } from './grouping';

function formatPorts(c: ContainerSummary): string {
  return c.ports
    .map((p) => (p.publicPort ? `${p.ip && p.ip !== '0.0.0.0' ? `${p.ip}:` : ''}${p.publicPort}→${p.privatePort}/${p.type}` : `${p.privatePort}/${p.type}`))
    .join(', ');
}

/** The status text `docker ps` would print now, aging once a second without any event. */
function LiveStatus({ c }: { c: ContainerSummary }) {
  return <>{containerStatusText(c, useNow())}</>;
}

function matches(c: ContainerSummary, text: string): boolean {
  if (!text) return true;
  const t = text.toLowerCase();
  return [c.name, c.image, c.id, containerStatusText(c), c.state, c.command, projectOf(c) ?? ''].some((f) => f.toLowerCase().includes(t));
}

export function ContainersView() {
  const selected = useSelection((s) => s.container);
  const select = useSelection((s) => s.select);
  const { items, loaded } = useContainers();
  const [filter, setFilter] = useState('');
  const [runningOnly, setRunningOnly] = useState(false);
  const [loose, setLoose] = useState(false);
  const [grouped, setGrouped] = useState(true);
  const stackDialogs = useStackDialogs();
  const stacks = useMemo(() => new Map(groupStacks(items).map((s) => [s.project, s])), [items]);
  const [busy, setBusy] = useState<Record<string, ContainerVerb | undefined>>({});
  const [removing, setRemoving] = useState<ContainerSummary | null>(null);
  const [running, setRunning] = useState(false);
  const [generating, setGenerating] = useState<string | null>(null);
  const podman = useEngine((st) => st.status?.state === 'connected' && st.status.info.kind === 'podman');

  const rows = useMemo(
    () => items.filter((c) => (!runningOnly || c.state === 'running') && (!loose || !projectOf(c)) && matches(c, filter)),
    [items, filter, runningOnly, loose],
  );

  const act = async (c: ContainerSummary, verb: ContainerVerb) => {
    if (verb === 'Remove') return setRemoving(c);
    setBusy((b) => ({ ...b, [c.id]: verb }));
    try {
      await client().call(VERB_METHOD[verb], { id: c.id });
    } catch (err) {
      reportError(`${verb.toLowerCase()} ${c.name}`, err);
    } finally {
      setBusy((b) => ({ ...b, [c.id]: undefined }));
    }
  };

  const columns: Column<ContainerSummary>[] = [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(140px, 2fr)',
      sortValue: (c) => c.name,
      cell: (c) => (
        <span className="name" title={`${c.name}\n${c.id}`}>
          {c.name}
          <small>
            {shortId(c.id)}
            {projectOf(c) && (
              <>
                {' · '}
                <a href="#/stacks" title={`Service ${c.labels[SERVICE_LABEL] ?? '?'} of Compose stack ${projectOf(c)}`}>
                  {projectOf(c)}/{c.labels[SERVICE_LABEL] ?? '?'}
                </a>
              </>
            )}
            {c.pod && (
              <>
                {' · '}
                <a href="#/pods" title={`${c.pod.infra ? 'Infra container' : 'Container'} of Podman pod ${c.pod.name}`}>
                  pod {c.pod.name}
                  {c.pod.infra ? ' (infra)' : ''}
                </a>
              </>
            )}
          </small>
        </span>
      ),
    },
    { id: 'image', header: 'Image', width: 'minmax(120px, 1.4fr)', sortValue: (c) => c.image, cell: (c) => <span title={c.image}>{c.image}</span> },
    { id: 'state', header: 'State', width: '96px', sortValue: (c) => c.state, cell: (c) => <span className={`state ${c.state}`}>{c.state}</span> },
    { id: 'status', header: 'Status', width: 'minmax(100px, 1fr)', sortValue: (c) => containerStatusText(c), cell: (c) => <LiveStatus c={c} /> },
    { id: 'ports', header: 'Ports', width: 'minmax(70px, 0.6fr)', cell: formatPorts },
    createdColumn((c) => c.created),
    {
      id: 'actions',
      header: 'Actions',
      width: '390px',
      cell: (c) => {
        // In the row: Logs, Open shell, the state's first verb (Start, Stop, Unpause) and Remove; the rest in More.
        const verbs = verbsFor(c.state);
        const shown = verbs.filter((v, i) => i === 0 || v === 'Remove');
        const verbButton = (verb: ContainerVerb) => (
          <button
            key={verb}
            type="button"
            className={verb === 'Remove' || verb === 'Kill' ? 'danger' : undefined}
            disabled={busy[c.id] !== undefined}
            aria-busy={busy[c.id] === verb}
            title={`${verb} ${c.name}`}
            onClick={() => void act(c, verb)}
          >
            {verb}
          </button>
        );
        const more: MoreAction[] = [
          { label: 'Details', title: `Details of ${c.name}`, onSelect: () => go(`#/container/${encodeURIComponent(c.id)}/inspect`) },
          ...(c.state === 'running'
            ? [{ label: 'Attach', title: `Attach to ${c.name}'s terminal (containers started with -it)`, onSelect: () => void openSession('attach', c) }]
            : []),
          // Podman generates a pod member's YAML only as its pod's ("use generate on the pod itself").
          ...(podman
            ? [{ label: 'Generate Kubernetes YAML', title: c.pod ? `Kubernetes YAML of ${c.name}'s pod ${c.pod.name} (podman kube generate)` : `Kubernetes YAML of ${c.name} (podman kube generate)`, onSelect: () => setGenerating(c.pod?.name ?? c.name) }]
            : []),
          ...verbs
            .filter((v) => !shown.includes(v))
            .map((verb) => ({ label: verb, title: `${verb} ${c.name}`, danger: verb === 'Kill', disabled: busy[c.id] !== undefined, onSelect: () => void act(c, verb) })),
        ];
        return (
          <span className="actions">
            <a className="button" role="button" href={`#/container/${encodeURIComponent(c.id)}/logs`} title={`Logs of ${c.name}`}>
              Logs
            </a>
            {c.state === 'running' && (
              <button type="button" title={`Open a shell in ${c.name} (docker exec -it, bash or sh)`} onClick={() => void openSession('exec', c)}>
                Open shell
              </button>
            )}
            {shown.map(verbButton)}
            <MoreMenu name={c.name} actions={more} />
          </span>
        );
      },
    },
  ];

  return (
    <section className="view" aria-labelledby="containers-title">
      <ViewHeader title="Containers" shown={rows.length} total={items.length} loaded={loaded} filter={filter} onFilter={setFilter} placeholder="Filter by name, image, status…">
        <button type="button" className="primary" onClick={() => setRunning(true)}>
          Run
        </button>
        <label className="check">
          <input type="checkbox" checked={runningOnly} onChange={(e) => setRunningOnly(e.target.checked)} />
          Running only
        </label>
        <label className="check">
          <input type="checkbox" checked={loose} onChange={(e) => setLoose(e.target.checked)} />
          Not in a stack
        </label>
        <label className="check">
          <input type="checkbox" checked={grouped} onChange={(e) => setGrouped(e.target.checked)} />
          Group by stack and pod
        </label>
      </ViewHeader>
      <VirtualTable
        label="Containers"
        selected={selected}
        onSelect={(key) => select('container', key)}
        rows={rows}
        rowKey={(c) => c.id}
        columns={columns}
        initialSort={{ column: 'created', direction: 'descending' }}
        empty={loaded ? (items.length ? 'No container matches the filter.' : 'No containers yet.') : 'Loading containers…'}
        groups={
          grouped && !loose
            ? {
                of: groupOf,
                name: (key) => {
                  const g = parseGroup(key);
                  return `${g.kind} ${g.name}`;
                },
                label: (key) => parseGroup(key).name,
                header: (key, shown) => {
                  const g = parseGroup(key);
                  if (g.kind === 'pod') {
                    const members = items.filter((c) => c.pod?.name === g.name);
                    return (
                      <>
                        <span className="group-summary">
                          {podSummaryText(members)}
                          {shown.length < members.length ? ` · ${shown.length} of ${members.length} match` : ''}
                        </span>
                        <a href="#/pods" title={`Pod ${g.name} in the Pods view: start, stop, restart, remove, generate Kubernetes YAML`}>
                          Pod details
                        </a>
                      </>
                    );
                  }
                  const stack = stacks.get(g.name);
                  if (!stack) return null;
                  const p = g.name;
                  return (
                    <>
                      <span className="group-summary">
                        {stackStatusText(stack)} · {stack.services.length} service{stack.services.length === 1 ? '' : 's'}
                        {shown.length < stack.containers.length ? ` · ${shown.length} of ${stack.containers.length} containers match` : ''}
                      </span>
                      <a href={`#/stack/${encodeURIComponent(p)}/services`} title={`Services, configuration and commands of stack ${p}`}>
                        Stack details
                      </a>
                      <StackActions stack={stack} open={stackDialogs.open} details={false} />
                    </>
                  );
                },
              }
            : undefined
        }
      />
      {stackDialogs.dialogs}
      {running && <RunDialog onClose={() => setRunning(false)} />}
      {generating && <GenerateKubeDialog name={generating} onClose={() => setGenerating(null)} />}
      {removing && <RemoveContainerDialog container={items.find((c) => c.id === removing.id) ?? removing} onClose={() => setRemoving(null)} />}
    </section>
  );
}
