/**
 * The Engines view: every engine this machine knows (Docker contexts, DOCKER_HOST, the default socket,
 * Podman's sockets, engines added by hand), whether it answers, what it is, and which one Berth uses.
 */
import { useEffect, useState } from 'react';
import type { EngineCandidate } from '../../../shared/engines';
import { client } from '../../client/client';
import { useReloadableCall } from '../../client/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { reportError, useNotices } from '../../stores/notices';
import { useSessions } from '../../stores/sessions';
import { useTasks } from '../../stores/tasks';
import { AddEngineDialog } from './AddEngineDialog';
import { SwarmControls } from './SwarmControls';

const SOURCE: Record<EngineCandidate['source'], string> = { context: 'Docker context', env: 'DOCKER_HOST', default: 'default socket', podman: 'Podman socket', added: 'added in Berth' };

/** Each listed engine probed in parallel (`engines.probe`), its answer kept by id as it arrives (for this listing only). */
function useProbes(listed: EngineCandidate[] | undefined): Record<string, EngineCandidate> {
  const [probed, setProbed] = useState<{ listed?: EngineCandidate[]; byId: Record<string, EngineCandidate> }>({ byId: {} });
  useEffect(() => {
    if (!listed) return;
    let live = true;
    for (const e of listed) {
      client()
        .call('engines.probe', { id: e.id })
        .then(
          (answer) => answer,
          (err: unknown): EngineCandidate => ({ ...e, probing: false, reachable: false, error: err instanceof Error ? err.message : String(err) }),
        )
        .then((answer) => {
          if (live) setProbed((p) => ({ listed, byId: { ...(p.listed === listed ? p.byId : {}), [e.id]: answer } }));
        });
    }
    return () => {
      live = false;
    };
  }, [listed]);
  return probed.listed === listed ? probed.byId : {};
}

export function EnginesView() {
  // Rows appear at once, each probed on its own: one slow or dead engine never hides the others.
  const [list, reload] = useReloadableCall('engines', () => client().call('engines.list', { probe: false }));
  const probed = useProbes(list?.value);
  const rows = (list?.value ?? []).map((e) => probed[e.id] ?? e);
  const [choosing, setChoosing] = useState<EngineCandidate | null>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState(false);
  const [forgetting, setForgetting] = useState<EngineCandidate | null>(null);
  // Host shells stay open across a switch; engine terminals (exec, attach) close.
  const engineTerminals = useSessions((st) => Object.values(st.sessions).filter((x) => x.state === 'open' && x.kind !== 'host').length);
  const hostTerminals = useSessions((st) => Object.values(st.sessions).filter((x) => x.state === 'open' && x.kind === 'host').length);
  const runningTasks = useTasks((st) => Object.values(st.tasks).filter((t) => t.task.state === 'running').length);
  const columns: Column<EngineCandidate>[] = [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(140px, 1.2fr)',
      sortValue: (e) => e.name,
      cell: (e) => (
        <span>
          {e.name}
          {e.cliCurrent && <small className="muted"> (CLI's current)</small>}
        </span>
      ),
    },
    { id: 'source', header: 'Source', width: '130px', sortValue: (e) => e.source, cell: (e) => SOURCE[e.source] },
    { id: 'host', header: 'Host', width: 'minmax(200px, 2fr)', sortValue: (e) => e.host, cell: (e) => <span title={e.host}>{e.host}{e.tls ? ' (TLS)' : ''}</span> },
    {
      id: 'state',
      header: 'State',
      width: 'minmax(200px, 2fr)',
      sortValue: (e) => (e.reachable ? 0 : 1),
      cell: (e) =>
        e.probing ? (
          <span className="muted">probing…</span>
        ) : e.reachable && e.info ? (
          <span className="ok-text">
            {e.info.kind === 'podman' ? 'Podman' : 'Docker'} {e.info.version} · {e.info.os}/{e.info.arch}
          </span>
        ) : (
          <span className="error-text" title={e.error}>
            unreachable: {e.error}
          </span>
        ),
    },
    {
      id: 'inUse',
      header: 'Berth',
      width: '170px',
      sortValue: (e) => (e.inUse ? 0 : 1),
      cell: (e) => (
        <span className="actions">
          {e.inUse ? (
            <strong>in use</strong>
          ) : (
            <button type="button" disabled={!e.reachable} title={e.reachable ? `Use ${e.name}` : 'unreachable'} onClick={() => setChoosing(e)}>
              Use
            </button>
          )}
          {e.source === 'added' && !e.inUse && (
            <button type="button" aria-label={`Forget ${e.name}`} onClick={() => setForgetting(e)}>
              Forget
            </button>
          )}
        </span>
      ),
    },
  ];
  return (
    <section className="view" aria-labelledby="engines-title">
      <header className="view-head">
        <h1 id="engines-title">Engines</h1>
        <span className="count">{list ? rows.length : 'Looking…'}</span>
        <button type="button" onClick={() => setAdding(true)}>
          Add engine
        </button>
        <button type="button" onClick={() => reload()}>
          Refresh
        </button>
      </header>
      <p className="muted">
        The engine chosen here is remembered for the next start, unless <code>DOCKER_HOST</code> is set (it always wins, as for the Docker CLI).
      </p>
      {list?.error && <p role="alert" className="error-text">{list.error.message}</p>}
      <VirtualTable label="Engines" rows={rows} rowKey={(e) => e.id} columns={columns} initialSort={{ column: 'inUse', direction: 'ascending' }} empty={list ? 'No engines found.' : 'Probing engines…'} />
      <SwarmControls key={rows.find((e) => e.inUse)?.id ?? ''} />
      {adding && <AddEngineDialog onClose={() => setAdding(false)} onDone={reload} />}
      {forgetting && (
        <ConfirmDialog
          title={`Forget ${forgetting.name}?`}
          confirmLabel="Forget"
          onCancel={() => setForgetting(null)}
          onConfirm={() => {
            client()
              .call('engines.remove', { id: forgetting.id })
              .then(() => {
                useNotices.getState().push('info', `Forgot ${forgetting.name}`);
                reload();
              })
              .catch((err) => reportError(`forget ${forgetting.name}`, err))
              .finally(() => setForgetting(null));
          }}
        >
          <p>Berth stops listing {forgetting.host}. Nothing changes on the engine, and its key and certificate files stay where they are.</p>
        </ConfirmDialog>
      )}
      {choosing && (
        <ConfirmDialog
          title={`Use ${choosing.name}?`}
          confirmLabel="Switch"
          busy={busy}
          canConfirm={!busy}
          onCancel={() => setChoosing(null)}
          onConfirm={() => {
            setBusy(true);
            client()
              .call('engines.use', { id: choosing.id })
              .then((e) => {
                useNotices.getState().push('info', `Now using ${e.name} (${e.host})`);
                setChoosing(null);
                reload();
              })
              .catch((err) => reportError(`switch to ${choosing.name}`, err))
              .finally(() => setBusy(false));
          }}
        >
          <p>
            Every view switches to {choosing.host}.
            {engineTerminals > 0
              ? ` Closes: ${engineTerminals} engine terminal(s) (exec and attach; their containers keep running), and any log being followed.`
              : ' Closes: any log being followed (no engine terminal is open).'}
            {hostTerminals > 0 && ` Stays open: ${hostTerminals} host terminal(s), with their background jobs; they keep the current DOCKER_HOST, a new host terminal gets the new engine's.`}
            {runningTasks > 0 && ` ${runningTasks} running task(s) carry on and report in Tasks.`}
          </p>
        </ConfirmDialog>
      )}
    </section>
  );
}
