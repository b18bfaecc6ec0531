/** "Remove" a stack: its containers only (volumes, networks and images kept), after a confirmation listing them. */
import { useState } from 'react';
import { client } from '../../client/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { needsForce } from '../containers/actions';
import type { Stack } from './group';

export function RemoveStackDialog({ stack, onClose }: { stack: Stack; onClose(): void }) {
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const up = stack.containers.filter((c) => needsForce(c.state));
  const confirm = async () => {
    setBusy(true);
    const failed: string[] = [];
    await Promise.all(
      stack.containers.map((c) =>
        client()
          .call('containers.remove', { id: c.id, force: needsForce(c.state) && force })
          .catch((err: Error) => failed.push(`${c.name}: ${err.message}`)),
      ),
    );
    if (failed.length) {
      setError(failed.join('\n'));
      setBusy(false);
    } else onClose();
  };
  return (
    <ConfirmDialog
      title={`Remove stack ${stack.project}?`}
      confirmLabel="Remove"
      canConfirm={!up.length || force}
      busy={busy}
      error={error}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>This deletes the stack's {stack.containers.length} containers. Its volumes, networks and images are kept.</p>
      <ul aria-label="Containers to remove">
        {stack.containers.map((c) => (
          <li key={c.id}>
            {c.name} ({c.state})
          </li>
        ))}
      </ul>
      {up.length > 0 && (
        <label className="check">
          <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
          Force: stop and remove the {up.length} running container{up.length === 1 ? '' : 's'}
        </label>
      )}
    </ConfirmDialog>
  );
}
