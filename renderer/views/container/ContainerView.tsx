/**
 * One container (`#/container/<id>/<tab>`): its logs, live stats and inspect summary as tabs, with the
 * terminal actions (Open shell, Attach) while it runs.
 */
import { SubViewHeader } from '../../components/SubViewHeader';
import { useContainers } from '../../stores/stores';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { shortId } from '../../format';
import { LogsPanel } from '../logs/LogsPanel';
import { StatsPanel } from '../stats/StatsPanel';
import { openSession } from '../terminals/open';
import { InspectPanel } from './InspectPanel';
import { CONTAINER_TABS, type ContainerTab } from './tabs';

const TAB_NAMES: Record<ContainerTab, string> = { logs: 'Logs', stats: 'Stats', inspect: 'Inspect' };

export function ContainerView({ id, tab }: { id: string; tab: ContainerTab }) {
  const summary = useContainers((s) => s.items.find((c) => c.id === id || c.name === id || c.id.startsWith(id)));
  // Re-inspect when the state changes (started, stopped, restarted).
  const details = useCall(`${id}:${summary?.state ?? ''}:${summary?.status ?? ''}`, () => client().call('containers.inspect', { id }));
  const d = details?.value;
  const name = summary?.name ?? d?.name ?? shortId(id);
  const running = summary?.state === 'running';
  const fullId = summary?.id ?? d?.id ?? id;
  return (
    <section className="view" aria-labelledby="container-title">
      <SubViewHeader back={{ href: '#/containers', name: 'Containers' }} id="container-title" title={<>Container {name}</>}>
        <span className={`state ${summary?.state ?? ''}`}>{summary?.state ?? (details?.error ? 'removed' : '')}</span>
        {running && (
          <>
            <button type="button" onClick={() => void openSession('exec', { id: fullId, name })}>
              Open shell
            </button>
            {d?.tty && (
              <button type="button" onClick={() => void openSession('attach', { id: fullId, name })}>
                Attach
              </button>
            )}
          </>
        )}
      </SubViewHeader>
      <div role="tablist" aria-label="Container" className="tabs">
        {CONTAINER_TABS.map((t) => (
          <a
            key={t}
            role="tab"
            aria-selected={t === tab}
            className="tab"
            href={`#/container/${encodeURIComponent(id)}/${t}`}
            id={`ctab-${t}`}
          >
            {TAB_NAMES[t]}
          </a>
        ))}
      </div>
      <div role="tabpanel" aria-labelledby={`ctab-${tab}`} className="container-panel">
        {tab === 'logs' && <LogsPanel container={fullId} name={name} running={running} />}
        {tab === 'stats' && (running ? <StatsPanel container={fullId} /> : <p className="muted">Not running: no live stats.</p>)}
        {tab === 'inspect' && (details?.error ? <p role="alert" className="error-text">{details.error.message}</p> : d ? <InspectPanel details={d} /> : <p className="muted">Loading…</p>)}
      </div>
    </section>
  );
}
