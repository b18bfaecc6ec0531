/**
 * The Engines view: every engine this machine knows (Docker contexts, DOCKER_HOST, the default socket,
 * Podman's sockets), whether it answers, what it is, and which one Berth uses.
 */
import { useState } from 'react';
import type { EngineCandidate } from '../../../shared/engines';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { VirtualTable, type Column } from '../../components/VirtualTable';

const SOURCE: Record<EngineCandidate['source'], string> = { context: 'Docker context', env: 'DOCKER_HOST', default: 'default socket', podman: 'Podman socket' };

export function EnginesView() {
  const [version, setVersion] = useState(0);
  const list = useCall(`engines:${version}`, () => client().call('engines.list', {}));
  const rows = list?.value ?? [];
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
        e.reachable && e.info ? (
          <span className="ok-text">
            {e.info.kind === 'podman' ? 'Podman' : 'Docker'} {e.info.version} · {e.info.os}/{e.info.arch}
          </span>
        ) : (
          <span className="error-text" title={e.error}>
            unreachable: {e.error}
          </span>
        ),
    },
    { id: 'inUse', header: 'Berth', width: '90px', sortValue: (e) => (e.inUse ? 0 : 1), cell: (e) => (e.inUse ? <strong>in use</strong> : '') },
  ];
  return (
    <section className="view" aria-labelledby="engines-title">
      <header className="view-head">
        <h1 id="engines-title">Engines</h1>
        <span className="count">{list ? rows.length : 'Looking…'}</span>
        <button type="button" onClick={() => setVersion((v) => v + 1)}>
          Refresh
        </button>
      </header>
      <p className="muted">
        Berth uses the engine it was started with (<code>DOCKER_HOST</code>, as the Docker CLI). To use another, start it with that engine's
        host, e.g. <code>DOCKER_HOST=unix:///run/podman/podman.sock npm run serve</code>. Switching here comes next.
      </p>
      {list?.error && <p role="alert" className="error-text">{list.error.message}</p>}
      <VirtualTable label="Engines" rows={rows} rowKey={(e) => e.id} columns={columns} initialSort={{ column: 'inUse', direction: 'ascending' }} empty={list ? 'No engines found.' : 'Probing engines…'} />
    </section>
  );
}
