/**
 * The Swarm view's Networks tab: the table `Swarm networks` (swarm-scope networks: the overlay networks and
 * the ingress, marked), Create (`docker network create --driver overlay`, attachable, internal, subnet and
 * gateway optional) and Remove (an alertdialog, through the Networks view's `networks.remove`; the engine's
 * refusal, e.g. a service still attached, shown in it). The "Networks" link is the engine's own view.
 */
import { useState } from 'react';
import { overlappingSubnet, overlapText, subnetsOf } from '../../../shared/subnets';
import { SwarmNetworkCreateArgs, type SwarmNetwork } from '../../../shared/swarm-objects';
import { client } from '../../client/client';
import { Ago } from '../../components/Ago';
import { Field, FormDialog } from '../../components/FormDialog';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { useNotices } from '../../stores/notices';
import { RemoveConfirm } from './RemoveConfirm';
import { useSwarmList } from './useSwarmList';

/** The Create dialog; `networks`: the swarm networks listed, whose subnets a new one must not overlap. */
function CreateDialog({ networks, onClose, onDone }: { networks: SwarmNetwork[]; onClose(): void; onDone(): void }) {
  const [name, setName] = useState('');
  const [attachable, setAttachable] = useState(false);
  const [internal, setInternal] = useState(false);
  const [subnet, setSubnet] = useState('');
  const [gateway, setGateway] = useState('');
  const args = { name, attachable, internal, ...(subnet ? { subnet } : {}), ...(gateway ? { gateway } : {}) };
  const check = SwarmNetworkCreateArgs.safeParse(args);
  const overlap = check.success && subnet ? overlappingSubnet(subnet, subnetsOf(networks)) : undefined;
  const problem = !check.success
    ? name
      ? check.error.issues.map((i) => (i.path.length ? `${String(i.path[0])}: ${i.message}` : i.message)).join('; ')
      : null
    : overlap
      ? overlapText(subnet, overlap)
      : null;
  return (
    <FormDialog
      title="Create an overlay network"
      submitLabel="Create"
      canSubmit={!!name && check.success && !overlap}
      error={problem}
      onClose={onClose}
      onSubmit={async () => {
        const made = await client().call('swarm.createNetwork', args);
        if (made.allocated) useNotices.getState().push('info', `Created overlay network ${name}`);
        else useNotices.getState().push('error', `Created overlay network ${name}, but the swarm has not allocated it: services on it cannot start. Its subnet may clash with another network or the address pool may be used up (the manager's log says which); remove it and try another subnet.`);
        onDone();
        onClose();
      }}
    >
      <Field label="Name" value={name} onChange={setName} autoFocus />
      <label className="check">
        <input type="checkbox" checked={attachable} onChange={(e) => setAttachable(e.target.checked)} />
        Attachable (standalone containers may join)
      </label>
      <label className="check">
        <input type="checkbox" checked={internal} onChange={(e) => setInternal(e.target.checked)} />
        Internal (no outside access)
      </label>
      <Field label="Subnet" value={subnet} onChange={setSubnet} placeholder="optional, e.g. 10.20.0.0/24" />
      <Field label="Gateway" value={gateway} onChange={setGateway} placeholder="optional, in the subnet, e.g. 10.20.0.1" />
    </FormDialog>
  );
}

const flags = (n: SwarmNetwork) => [n.ingress && 'ingress (routing mesh)', n.attachable && 'attachable', n.internal && 'internal'].filter(Boolean).join(', ');

export function NetworksTab() {
  const list = useSwarmList('swarm.networks');
  const [creating, setCreating] = useState(false);
  const [removing, setRemoving] = useState<SwarmNetwork | null>(null);
  const columns: Column<SwarmNetwork>[] = [
    { id: 'name', header: 'Name', width: 'minmax(160px, 1.5fr)', sortValue: (n) => n.name, cell: (n) => <span title={`Network ID ${n.id}`}>{n.name}</span> },
    { id: 'driver', header: 'Driver', width: '90px', sortValue: (n) => n.driver, cell: (n) => n.driver },
    {
      id: 'subnet',
      header: 'Subnet',
      width: 'minmax(170px, 1.2fr)',
      cell: (n) =>
        n.subnets.map((s) => (s.gateway ? `${s.subnet} via ${s.gateway}` : s.subnet)).join(', ') || <span className="muted">{n.allocated ? 'none' : 'none: its services cannot start'}</span>,
    },
    {
      id: 'flags',
      header: 'Kind',
      width: 'minmax(150px, 1fr)',
      sortValue: (n) => (n.allocated ? flags(n) : ' not allocated'),
      cell: (n) =>
        n.allocated ? (
          flags(n) || <span className="muted">overlay</span>
        ) : (
          <span className="warning-text" title="The swarm's allocator gave this network no subnet (an overlapping subnet, or an address pool used up): services on it stay New">
            not allocated
          </span>
        ),
    },
    { id: 'created', header: 'Created', width: '140px', sortValue: (n) => n.created ?? 0, cell: (n) => (n.created ? <Ago ms={n.created} /> : '—') },
    {
      id: 'actions',
      header: 'Actions',
      width: '110px',
      cell: (n) =>
        n.ingress ? (
          <span className="muted" title="The swarm's routing mesh: Berth leaves it alone">built-in</span>
        ) : (
          <span className="actions">
            <button type="button" className="danger" title={`Remove network ${n.name}`} onClick={() => setRemoving(n)}>
              Remove
            </button>
          </span>
        ),
    },
  ];
  return (
    <>
      <div className="swarm-filters">
        <button type="button" className="primary" onClick={() => setCreating(true)}>
          Create network
        </button>
        <span className="count">{list.loaded ? `${list.items.length} swarm network${list.items.length === 1 ? '' : 's'}` : 'Loading…'}</span>
      </div>
      {list.error && (
        <p role="alert" className="error-text">
          {list.error.message}
        </p>
      )}
      <VirtualTable label="Swarm networks" rows={list.items} rowKey={(n) => n.id} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty={list.loaded ? 'No swarm networks.' : 'Loading networks…'} />
      {creating && <CreateDialog networks={list.items} onClose={() => setCreating(false)} onDone={list.reload} />}
      {removing && (
        <RemoveConfirm title={`Remove network ${removing.name}?`} remove={() => client().call('networks.remove', { id: removing.id })} onClose={(done) => (setRemoving(null), done && list.reload())}>
          <p>The engine refuses to remove a network a service or container still uses.</p>
        </RemoveConfirm>
      )}
    </>
  );
}
