/** Push one of an image's tags to its registry, with per-layer progress. */
import { useId, useState } from 'react';
import type { ImageSummary } from '../../../shared/model';
import { client } from '../../client/client';
import { TaskDialog } from './TaskDialog';

export function PushDialog({ image, onClose }: { image: ImageSummary; onClose(): void }) {
  const [reference, setReference] = useState(image.repoTags[0] ?? '');
  const id = useId();
  return (
    <TaskDialog
      title="Push an image"
      submitLabel="Push"
      canSubmit={!!reference}
      error={image.repoTags.length ? null : 'This image has no tag: tag it with a registry reference first.'}
      start={() => client().call('images.push', { reference })}
      onClose={onClose}
    >
      <div className="field">
        <label htmlFor={id}>Reference</label>
        <select id={id} value={reference} onChange={(e) => setReference(e.target.value)}>
          {image.repoTags.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <small className="muted">The registry is the reference's host; the stored log-in for it is used.</small>
      </div>
    </TaskDialog>
  );
}
