/**
 * One stack (`#/stack/<project>/<tab>`): its state, compose files and the Compose in use; tabs for its
 * services (image, replicas running/total, ports, volumes, networks, health; per service Restart, Open
 * shell, Scale…, Logs), the resolved compose configuration (`compose config` of its files) and the
 * `docker compose …` command line of every action, to copy.
 */
import { SubViewHeader } from '../../components/SubViewHeader';
import { useMemo, useState } from 'react';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useContainers } from '../../stores/stores';
import { openSession } from '../terminals/open';
import { COMPOSE_ACTIONS, composeCommand, type ComposeAction } from './commands';
import { groupStacks, stackStatusText, type Stack } from './group';
import { ScaleDialog } from './ScaleDialog';
import { servicesOf, type ServiceRow } from './services';
import { actOn, targets, type StackVerb } from './stack-actions';
import { StackActions, useStackDialogs } from './StackActions';
import { STACK_TABS, type StackTab } from './tabs';

const TAB_NAMES: Record<StackTab, string> = { services: 'Services', configuration: 'Configuration', commands: 'Commands' };

/** Volumes and networks of each container, by ID (from inspect; the list carries neither). */
function useAttachments(stack: Stack | undefined) {
  const ids = (stack?.containers ?? []).map((c) => c.id);
  const call = useCall(`attach:${ids.join(',')}`, async () => {
    const all = await Promise.allSettled(ids.map((id) => client().call('containers.inspect', { id })));
    const out = new Map<string, { volumes: string[]; networks: string[] }>();
    all.forEach((r, i) => {
      if (r.status !== 'fulfilled') return;
      out.set(ids[i]!, {
        volumes: r.value.mounts.map((m) => `${m.type === 'volume' ? m.source : m.type === 'bind' ? m.source : m.type}:${m.destination}${m.readOnly ? ':ro' : ''}`),
        networks: r.value.networks.length ? r.value.networks.map((n) => n.name) : [r.value.networkMode],
      });
    });
    return out;
  });
  return call?.value;
}

function ServicesPanel({ stack }: { stack: Stack }) {
  const rows = useMemo(() => servicesOf(stack), [stack]);
  const attached = useAttachments(stack);
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [scaling, setScaling] = useState<string | null>(null);
  const first = (r: ServiceRow) => attached?.get(r.containers[0]?.id ?? '');
  const restart = async (r: ServiceRow, verb: StackVerb) => {
    setBusy((b) => ({ ...b, [r.service]: true }));
    await actOn(r.containers, verb, `service ${stack.project}/${r.service}`);
    setBusy((b) => ({ ...b, [r.service]: false }));
  };
  const columns: Column<ServiceRow>[] = [
    { id: 'service', header: 'Service', width: 'minmax(100px, 1fr)', sortValue: (r) => r.service, cell: (r) => <span className="name">{r.service}</span> },
    { id: 'image', header: 'Image', width: 'minmax(110px, 1.2fr)', sortValue: (r) => r.images.join(), cell: (r) => <span title={r.images.join('\n')}>{r.images.join(', ')}</span> },
    {
      id: 'replicas',
      header: 'Replicas',
      width: '132px',
      sortValue: (r) => r.running,
      cell: (r) => (
        <span className={`state ${r.running === r.containers.length && r.running ? 'running' : r.running ? 'paused' : 'exited'}`} title={r.containers.map((c) => `${c.name}: ${c.state}`).join('\n')}>
          {r.running}/{r.containers.length} running
        </span>
      ),
    },
    { id: 'ports', header: 'Ports', width: 'minmax(70px, 0.7fr)', cell: (r) => r.ports.join(', ') || '—' },
    { id: 'volumes', header: 'Volumes', width: 'minmax(90px, 1fr)', cell: (r) => <span title={first(r)?.volumes.join('\n')}>{attached ? first(r)?.volumes.join(', ') || '—' : '…'}</span> },
    { id: 'networks', header: 'Networks', width: 'minmax(96px, 0.8fr)', cell: (r) => (attached ? first(r)?.networks.join(', ') || '—' : '…') },
    { id: 'health', header: 'Health', width: '84px', sortValue: (r) => r.health ?? '', cell: (r) => <span className={`health ${r.health ?? ''}`}>{r.health ?? '—'}</span> },
    {
      id: 'actions',
      header: 'Actions',
      width: '300px',
      cell: (r) => {
        const up = r.containers.find((c) => c.state === 'running');
        return (
          <span className="actions">
            <button type="button" disabled={busy[r.service] || !targets(r.containers, 'Restart').length} aria-busy={busy[r.service]} title={`Restart service ${r.service}'s ${r.containers.length} containers`} onClick={() => void restart(r, 'Restart')}>
              Restart
            </button>
            <button type="button" disabled={!up} title={up ? `Open a shell in ${up.name} (docker exec -it)` : `No container of ${r.service} is running`} onClick={() => up && void openSession('exec', up)}>
              Open shell
            </button>
            <button type="button" title={`Change the number of replicas of ${r.service}`} onClick={() => setScaling(r.service)}>
              Scale
            </button>
            <a className="button" role="button" href={`#/stack-logs/${encodeURIComponent(stack.project)}`} title={`Logs of ${stack.project}, every service`}>
              Logs
            </a>
          </span>
        );
      },
    },
  ];
  return (
    <>
      <VirtualTable label="Services" rows={rows} rowKey={(r) => r.service} columns={columns} initialSort={{ column: 'service', direction: 'ascending' }} empty="No service: every container of this stack was a one-off." />
      {scaling && <ScaleDialog stack={stack} service={scaling} onClose={() => setScaling(null)} />}
    </>
  );
}

function ConfigurationPanel({ stack }: { stack: Stack }) {
  const config = useCall(`config:${stack.project}:${stack.configFiles.join(',')}`, () => client().call('stacks.projectConfig', { project: stack.project }));
  if (!config) return <p className="muted">Asking Compose for the resolved configuration…</p>;
  if (config.error) return <p role="alert" className="error-text">{config.error.message}</p>;
  return (
    <div className="details">
      <p className="muted">
        What {config.value.compose} resolves {stack.configFiles.map((f) => f.split('/').pop()).join(' + ')} to now (variables, overrides and defaults applied).
      </p>
      <pre className="raw" aria-label="Resolved configuration" tabIndex={0}>
        {config.value.yaml}
      </pre>
    </div>
  );
}

function CommandsPanel({ stack }: { stack: Stack }) {
  const info = useCall('compose-info', () => client().call('stacks.compose', {}));
  const [copied, setCopied] = useState<string | null>(null);
  const compose = info?.value?.found?.command;
  // Until Berth knows which Compose is installed, no command is offered (one copied now could name a Compose not there).
  if (!info) return <p className="muted">Asking which Compose is installed…</p>;
  return (
    <div className="details">
      <p className="muted">
        The command line of each action, for a terminal{compose ? ` (${info?.value?.found?.name} ${info?.value?.found?.version}, as found here)` : ' (docker compose: no Compose was found here)'}.
      </p>
      <dl className="kv commands" aria-label="Compose commands">
        {(Object.keys(COMPOSE_ACTIONS) as ComposeAction[]).map((action) => {
          const line = composeCommand(stack, action, compose);
          return (
            <div key={action} className="kv-row">
              <dt>{action}</dt>
              <dd>
                <code>{line}</code>{' '}
                <button type="button" aria-label={`Copy the ${action} command`} onClick={() => void navigator.clipboard?.writeText(line).then(() => setCopied(action), () => setCopied(null))}>
                  {copied === action ? 'Copied' : 'Copy'}
                </button>
              </dd>
            </div>
          );
        })}
      </dl>
    </div>
  );
}

export function StackView({ project, tab }: { project: string; tab: StackTab }) {
  const containers = useContainers((s) => s.items);
  const stack = useMemo(() => groupStacks(containers).find((s) => s.project === project), [containers, project]);
  const { open, dialogs } = useStackDialogs();
  return (
    <section className="view" aria-labelledby="stack-title">
      <SubViewHeader back={{ href: '#/stacks', name: 'Stacks' }} id="stack-title" title={<>Stack {project}</>}>
        {stack && <span className={`state ${stack.state === 'running' ? 'running' : stack.state === 'exited' ? 'exited' : 'paused'}`}>{stackStatusText(stack)}</span>}
        {stack && <StackActions stack={stack} open={open} details={false} />}
      </SubViewHeader>
      {!stack ? (
        <p className="muted">No container of the engine belongs to stack {project} (any more).</p>
      ) : (
        <>
          <dl className="kv stack-summary" aria-label="Stack">
            <dt>Compose files</dt>
            <dd>{stack.configFiles.join(', ') || '— (the labels name none)'}</dd>
            <dt>Working directory</dt>
            <dd>{stack.workingDir ?? '—'}</dd>
          </dl>
          <div role="tablist" aria-label="Stack" className="tabs">
            {STACK_TABS.map((t) => (
              <a key={t} role="tab" aria-selected={t === tab} className="tab" href={`#/stack/${encodeURIComponent(project)}/${t}`} id={`stab-${t}`}>
                {TAB_NAMES[t]}
              </a>
            ))}
          </div>
          <div role="tabpanel" aria-labelledby={`stab-${tab}`} className="container-panel">
            {tab === 'services' && <ServicesPanel stack={stack} />}
            {tab === 'configuration' && <ConfigurationPanel stack={stack} />}
            {tab === 'commands' && <CommandsPanel stack={stack} />}
          </div>
        </>
      )}
      {dialogs}
    </section>
  );
}
