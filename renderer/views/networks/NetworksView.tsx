/** The Networks view: `docker network ls` with subnets and containers; Create, Connect, Disconnect, Remove. */
import { useState } from 'react';
import type { NetworkSummary } from '../../../shared/resources';
import { Cidr, NetworkName } from '../../../shared/resources';
import { client } from '../../client/client';
import { useTextFilter } from '../../components/useTextFilter';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormDialog } from '../../components/FormDialog';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { ViewHeader } from '../../components/ViewHeader';
import { reportError, useNotices } from '../../stores/notices';
import { useContainers, useFollow, useNetworks } from '../../stores/stores';

function CreateNetworkDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('bridge');
  const [subnet, setSubnet] = useState('');
  const [internal, setInternal] = useState(false);
  const nameError = name && !NetworkName.safeParse(name).success ? 'letters, digits, _ . - (starting with a letter or digit)' : null;
  const subnetError = subnet && !Cidr.safeParse(subnet).success ? 'a subnet in CIDR notation, e.g. 10.10.0.0/24' : null;
  return (
    <FormDialog
      title="Create a network"
      submitLabel="Create"
      canSubmit={!!name && !nameError && !subnetError}
      error={nameError ?? subnetError}
      onClose={onClose}
      onSubmit={async () => {
        await client().call('networks.create', { name, driver, internal, ...(subnet ? { subnet } : {}) });
        useNotices.getState().push('info', `Created network ${name}`);
        onDone();
        onClose();
      }}
    >
      <Field label="Name" value={name} onChange={setName} autoFocus invalid={!!nameError} />
      <div className="field">
        <label htmlFor="network-driver">Driver</label>
        <select id="network-driver" value={driver} onChange={(e) => setDriver(e.target.value)}>
          <option value="bridge">bridge</option>
          <option value="macvlan">macvlan</option>
          <option value="ipvlan">ipvlan</option>
          <option value="overlay">overlay (swarm)</option>
        </select>
      </div>
      <Field label="Subnet" value={subnet} onChange={setSubnet} placeholder="optional, e.g. 10.10.0.0/24" invalid={!!subnetError} />
      <label className="check">
        <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
        Internal (no outside access)
      </label>
    </FormDialog>
  );
}

function ConnectDialog({ network, onClose, onDone }: { network: NetworkSummary; onClose(): void; onDone(): void }) {
  const containers = useContainers((s) => s.items);
  const attached = new Set(network.containers.map((c) => c.id));
  const candidates = containers.filter((c) => !attached.has(c.id));
  const [container, setContainer] = useState(candidates[0]?.id ?? '');
  return (
    <FormDialog
      title={`Connect a container to ${network.name}`}
      submitLabel="Connect"
      canSubmit={!!container}
      onClose={onClose}
      onSubmit={async () => {
        await client().call('networks.connect', { network: network.id, container });
        onDone();
        onClose();
      }}
    >
      <div className="field">
        <label htmlFor="connect-container">Container</label>
        <select id="connect-container" value={container} onChange={(e) => setContainer(e.target.value)}>
          {candidates.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name} ({c.state})
            </option>
          ))}
        </select>
      </div>
    </FormDialog>
  );
}

/** Containers shown as chips in a row (one row's height); the rest are counted, named in a tooltip. */
const MAX_CHIPS = 4;

export function NetworksView() {
  // Live: the list follows the engine's events (no refresh after an action).
  useFollow('networks');
  const { items: rows, loaded } = useNetworks();
  const [creating, setCreating] = useState(false);
  const [connecting, setConnecting] = useState<NetworkSummary | null>(null);
  const [removing, setRemoving] = useState<NetworkSummary | null>(null);
  const { filter, setFilter, shown } = useTextFilter(rows);
  const disconnect = (n: NetworkSummary, c: { id: string; name: string }) =>
    client()
      .call('networks.disconnect', { network: n.id, container: c.id, force: false })
      .catch((e) => reportError(`disconnect ${c.name} from ${n.name}`, e));
  const columns: Column<NetworkSummary>[] = [
    { id: 'name', header: 'Name', width: 'minmax(140px, 1.5fr)', sortValue: (n) => n.name, cell: (n) => <span title={n.id}>{n.name}</span> },
    { id: 'driver', header: 'Driver', width: '90px', sortValue: (n) => n.driver, cell: (n) => n.driver },
    { id: 'scope', header: 'Scope', width: '70px', sortValue: (n) => n.scope, cell: (n) => n.scope },
    { id: 'subnet', header: 'Subnet', width: 'minmax(120px, 1fr)', cell: (n) => `${n.subnets.join(', ') || '—'}${n.internal ? ' (internal)' : ''}` },
    {
      id: 'containers',
      header: 'Containers',
      width: 'minmax(200px, 2fr)',
      sortValue: (n) => n.containers.length,
      cell: (n) => (
        <span className="chips">
          {n.containers.slice(0, MAX_CHIPS).map((c) => (
            <span key={c.id} className="chip" title={c.ipv4}>
              {c.name}
              <button type="button" aria-label={`Disconnect ${c.name} from ${n.name}`} title="Disconnect" onClick={() => void disconnect(n, c)}>
                ×
              </button>
            </span>
          ))}
          {n.containers.length > MAX_CHIPS && (
            <span className="muted" title={n.containers.slice(MAX_CHIPS).map((c) => c.name).join(', ')}>
              +{n.containers.length - MAX_CHIPS} more
            </span>
          )}
        </span>
      ),
    },
    {
      id: 'actions',
      header: 'Actions',
      width: '200px',
      cell: (n) =>
        n.builtin ? (
          <span className="muted">the engine's own</span>
        ) : (
          <span className="actions">
            <button type="button" title={`Connect a container to ${n.name}`} onClick={() => setConnecting(n)}>
              Connect
            </button>
            <button type="button" className="danger" title={`Remove ${n.name}`} onClick={() => setRemoving(n)}>
              Remove
            </button>
          </span>
        ),
    },
  ];
  return (
    <section className="view" aria-labelledby="networks-title">
      <ViewHeader title="Networks" shown={shown.length} total={rows.length} loaded={loaded} filter={filter} onFilter={setFilter} placeholder="Filter by name, driver, subnet, container…">
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create
        </button>
      </ViewHeader>
      <VirtualTable label="Networks" rows={shown} rowKey={(n) => n.id} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty={loaded ? (rows.length ? 'No network matches the filter.' : 'No networks.') : 'Loading networks…'} />
      {creating && <CreateNetworkDialog onClose={() => setCreating(false)} onDone={() => undefined} />}
      {connecting && <ConnectDialog network={connecting} onClose={() => setConnecting(null)} onDone={() => undefined} />}
      {removing && (
        <ConfirmDialog
          title={`Remove network ${removing.name}?`}
          confirmLabel="Remove"
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            const n = removing;
            setRemoving(null);
            client()
              .call('networks.remove', { id: n.id })
              .catch((e) => reportError(`remove ${n.name}`, e));
          }}
        >
          <p>{removing.containers.length ? `Still connected: ${removing.containers.map((c) => c.name).join(', ')}. The engine refuses until they are disconnected.` : 'No container is connected.'}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
