/** Confirm `docker rm`: a running container is refused unless force is chosen here. Volumes are kept. */
import { useState } from 'react';
import type { ContainerSummary } from '../../../shared/model';
import { client } from '../../client/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { reportError } from '../../stores/notices';
import { needsForce } from './actions';

export function RemoveContainerDialog({ container, onClose }: { container: ContainerSummary; onClose(): void }) {
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const running = needsForce(container.state);

  const confirm = async () => {
    setBusy(true);
    try {
      await client().call('containers.remove', { id: container.id, force: running && force });
      onClose();
    } catch (err) {
      reportError(`remove ${container.name}`, err);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title={`Remove container ${container.name}?`}
      confirmLabel="Remove"
      canConfirm={!running || force}
      busy={busy}
      onConfirm={() => void confirm()}
      onCancel={onClose}
    >
      <p>This deletes the container and its writable layer. Its volumes are kept.</p>
      {running && (
        <>
          <p className="warn">{container.name} is {container.state}. Stop it first, or force the removal.</p>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Force: stop and remove the {container.state} container
          </label>
        </>
      )}
    </ConfirmDialog>
  );
}
