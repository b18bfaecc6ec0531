/** Confirm `docker rmi`: force only when the user asks for it (several tags, or used by containers). */
import { useState } from 'react';
import type { ImageSummary } from '../../../shared/model';
import { client } from '../../client/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { shortId } from '../../format';
import { reportError } from '../../stores/notices';

export function RemoveImageDialog({ image, usedBy, onClose }: { image: ImageSummary; usedBy: number; onClose(): void }) {
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const name = image.repoTags[0] ?? shortId(image.id);

  const confirm = async () => {
    setBusy(true);
    try {
      await client().call('images.remove', { id: image.id, force });
      onClose();
    } catch (err) {
      reportError(`remove image ${name}`, err);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog title={`Remove image ${name}?`} confirmLabel="Remove" busy={busy} onConfirm={() => void confirm()} onCancel={onClose}>
      <p>
        Image {shortId(image.id)}
        {image.repoTags.length > 1 ? `, tagged ${image.repoTags.join(', ')}` : ''}, is deleted from the engine with every tag.
      </p>
      {usedBy > 0 && <p className="warn">{usedBy === 1 ? '1 container uses' : `${usedBy} containers use`} this image; the engine refuses unless forced, and never removes an image a running container uses.</p>}
      <label className="check">
        <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
        Force (as docker rmi -f)
      </label>
    </ConfirmDialog>
  );
}
