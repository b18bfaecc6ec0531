/** The Swarm view's Nodes tab: the table `Nodes` (`docker node ls`, inspected), each row with its actions (NodeActions.tsx). */
import { useState } from 'react';
import type { SwarmNode } from '../../../shared/swarm';
import { DismissibleAlert } from '../../components/DismissibleAlert';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { labelsText } from './data';
import { NodeDialogs, NodeRowActions, type NodeDialog } from './NodeActions';

export function NodesTable({ nodes }: { nodes: SwarmNode[] }) {
  const [dialog, setDialog] = useState<NodeDialog>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const columns: Column<SwarmNode>[] = [
    {
      id: 'hostname',
      header: 'Hostname',
      width: 'minmax(192px, 1.4fr)',
      sortValue: (n) => n.hostname,
      cell: (n) => (
        <span title={`Node ID ${n.id}${n.self ? ' (the engine Berth talks to)' : ''}`}>
          {n.hostname}
          {n.self && <span className="muted"> (this engine)</span>}
        </span>
      ),
    },
    // The node ID's first 12 characters (the whole ID in its title): what tells apart two nodes of one
    // hostname, e.g. a node that left and joined again, whose old entry stays down until removed.
    { id: 'id', header: 'ID', width: '112px', sortValue: (n) => n.id, cell: (n) => <code title={n.id}>{n.id.slice(0, 12)}</code> },
    {
      id: 'role',
      header: 'Role',
      width: '150px',
      sortValue: (n) => `${n.role}${n.leader ? '0' : '1'}`,
      cell: (n) => (n.role === 'manager' ? <span title={n.reachability ? `Reachability: ${n.reachability}` : undefined}>{n.leader ? 'manager (leader)' : `manager (${n.reachability ?? 'unknown'})`}</span> : 'worker'),
    },
    { id: 'availability', header: 'Availability', width: '110px', sortValue: (n) => n.availability, cell: (n) => <span className={`state ${n.availability === 'active' ? 'running' : 'paused'}`}>{n.availability}</span> },
    { id: 'status', header: 'Status', width: '76px', sortValue: (n) => n.status, cell: (n) => <span className={`state ${n.status === 'ready' ? 'running' : 'exited'}`} title={n.statusMessage || undefined}>{n.status}</span> },
    { id: 'engine', header: 'Engine', width: 'minmax(90px, 0.6fr)', sortValue: (n) => n.engineVersion, cell: (n) => <span title={n.engineVersion || undefined}>{n.engineVersion || '—'}</span> },
    { id: 'address', header: 'Address', width: '110px', sortValue: (n) => n.address, cell: (n) => n.address },
    { id: 'labels', header: 'Labels', width: 'minmax(50px, 1fr)', cell: (n) => <span title={labelsText(n.labels) || undefined}>{labelsText(n.labels) || <span className="muted">none</span>}</span> },
    { id: 'actions', header: 'Actions', width: '154px', cell: (n) => <NodeRowActions node={n} open={setDialog} fail={setFailure} /> },
  ];
  return (
    <>
      <DismissibleAlert text={failure} onDismiss={() => setFailure(null)} />
      <VirtualTable label="Nodes" rows={nodes} rowKey={(n) => n.id} columns={columns} initialSort={{ column: 'hostname', direction: 'ascending' }} empty="No nodes." />
      <NodeDialogs dialog={dialog} onClose={() => setDialog(null)} />
    </>
  );
}
