/**
 * A Nodes row's actions (`docker node update|promote|demote|rm`): `Drain` or `Activate` in the row, the rest
 * (`Promote`/`Demote`, `Pause`, `Add label…`, `Remove label…`, `Remove…`) in its "More" menu, and the dialogs
 * they open. An action the engine refuses (demoting the last manager, removing a manager) is shown with the
 * engine's message in an alert above the table; a removal's refusal stays in its alertdialog.
 */
import { useState } from 'react';
import type { SwarmNode } from '../../../shared/swarm';
import { LabelKey, LABEL_VALUE_MAX, type SwarmNodeUpdateArgs } from '../../../shared/swarm-objects';
import { client } from '../../client/client';
import { Field, FormDialog } from '../../components/FormDialog';
import { MoreMenu } from '../../components/MoreMenu';
import { RemoveConfirm } from './RemoveConfirm';

/** What the Nodes tab holds open: a dialog for one node. */
export type NodeDialog = { kind: 'remove' | 'addLabel' | 'removeLabel'; node: SwarmNode } | null;

/** Run one node update; `fail` is told the engine's message, prefixed with what was tried. */
export function updateNode(node: SwarmNode, change: Omit<SwarmNodeUpdateArgs, 'node'>, verb: string, fail: (message: string) => void): void {
  client()
    .call('swarm.updateNode', { node: node.id, ...change })
    .catch((e: Error) => fail(`Could not ${verb} ${node.hostname}: ${e.message}`));
}

/** The row's buttons: the availability toggle and the More menu. */
export function NodeRowActions({ node, open, fail }: { node: SwarmNode; open(d: NodeDialog): void; fail(message: string): void }) {
  const drained = node.availability !== 'active';
  const self = node.self ? ' (the engine Berth talks to)' : '';
  return (
    <span className="actions">
      {drained ? (
        <button type="button" title={`Let the scheduler place tasks on ${node.hostname} again`} onClick={() => updateNode(node, { availability: 'active' }, 'activate', fail)}>
          Activate
        </button>
      ) : (
        <button type="button" title={`Move ${node.hostname}'s tasks to other nodes and place no new ones on it`} onClick={() => updateNode(node, { availability: 'drain' }, 'drain', fail)}>
          Drain
        </button>
      )}
      <MoreMenu
        name={node.hostname}
        actions={[
          node.role === 'worker'
            ? { label: 'Promote', title: `Make ${node.hostname} a manager`, onSelect: () => updateNode(node, { role: 'manager' }, 'promote', fail) }
            : { label: 'Demote', title: `Make ${node.hostname} a worker${self}`, onSelect: () => updateNode(node, { role: 'worker' }, 'demote', fail) },
          ...(node.availability === 'pause' ? [] : [{ label: 'Pause', title: `Place no new tasks on ${node.hostname}, keep its running ones`, onSelect: () => updateNode(node, { availability: 'pause' }, 'pause', fail) }]),
          ...(node.availability === 'pause' ? [{ label: 'Drain', onSelect: () => updateNode(node, { availability: 'drain' }, 'drain', fail) }] : []),
          { label: 'Add label…', onSelect: () => open({ kind: 'addLabel', node }) },
          { label: 'Remove label…', disabled: Object.keys(node.labels).length === 0, onSelect: () => open({ kind: 'removeLabel', node }) },
          { label: 'Remove…', danger: true, title: `Remove ${node.hostname} from the swarm`, onSelect: () => open({ kind: 'remove', node }) },
        ]}
      />
    </span>
  );
}

function AddLabel({ node, onClose }: { node: SwarmNode; onClose(): void }) {
  const [key, setKey] = useState('');
  const [value, setValue] = useState('');
  // The contract's own checks, said beside the fields before anything is sent.
  const badKey = key ? (LabelKey.safeParse(key).error?.issues[0]?.message ?? null) : null;
  const badValue = value.length > LABEL_VALUE_MAX ? `a label value of at most ${LABEL_VALUE_MAX} characters (this one has ${value.length})` : null;
  const bad = badKey ?? badValue;
  return (
    <FormDialog
      title={`Add a label to ${node.hostname}`}
      submitLabel="Add"
      canSubmit={!!key && !bad}
      error={bad}
      onClose={onClose}
      onSubmit={async () => {
        await client().call('swarm.updateNode', { node: node.id, labelsAdd: { [key]: value } });
        onClose();
      }}
    >
      <Field label="Key" value={key} onChange={setKey} autoFocus invalid={!!badKey} />
      <Field label="Value" value={value} onChange={setValue} placeholder="optional" invalid={!!badValue} />
    </FormDialog>
  );
}

function RemoveLabel({ node, onClose }: { node: SwarmNode; onClose(): void }) {
  const keys = Object.keys(node.labels).sort();
  const [key, setKey] = useState(keys[0] ?? '');
  return (
    <FormDialog
      title={`Remove a label from ${node.hostname}`}
      submitLabel="Remove"
      canSubmit={!!key}
      onClose={onClose}
      onSubmit={async () => {
        await client().call('swarm.updateNode', { node: node.id, labelsRemove: [key] });
        onClose();
      }}
    >
      <div className="field">
        <label htmlFor="node-label-key">Label</label>
        <select id="node-label-key" value={key} onChange={(e) => setKey(e.target.value)}>
          {keys.map((k) => (
            <option key={k} value={k}>
              {node.labels[k] ? `${k}=${node.labels[k]}` : k}
            </option>
          ))}
        </select>
      </div>
    </FormDialog>
  );
}

function RemoveNode({ node, onClose }: { node: SwarmNode; onClose(): void }) {
  const down = node.status === 'down';
  const [force, setForce] = useState(false);
  return (
    <RemoveConfirm title={`Remove node ${node.hostname}?`} canConfirm={down || force} remove={() => client().call('swarm.removeNode', { node: node.id, force: !down })} onClose={onClose}>
      {/* Two nodes may share a hostname (a node that re-joined leaves its old entry down): say which one this is. */}
      <p className="muted">
        Node ID {node.id.slice(0, 12)}
        {node.address ? ` at ${node.address}` : ''}
        {node.engineVersion ? `, engine ${node.engineVersion}` : ''}
      </p>
      {node.role === 'manager' && <p>{node.hostname} is a manager: the engine removes only workers (demote it first).</p>}
      {down ? (
        <p>{node.hostname} is down: it leaves the swarm&apos;s node list.</p>
      ) : (
        <>
          <p>
            {node.hostname} is {node.status}, not down: the engine removes it only with force, and its engine stays in a swarm of its own until it leaves (docker swarm leave on it).
          </p>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} /> Force: remove a node that is not down
          </label>
        </>
      )}
    </RemoveConfirm>
  );
}

/** The dialog open for a node, if any. */
export function NodeDialogs({ dialog, onClose }: { dialog: NodeDialog; onClose(): void }) {
  if (!dialog) return null;
  if (dialog.kind === 'addLabel') return <AddLabel node={dialog.node} onClose={onClose} />;
  if (dialog.kind === 'removeLabel') return <RemoveLabel node={dialog.node} onClose={onClose} />;
  return <RemoveNode node={dialog.node} onClose={onClose} />;
}
