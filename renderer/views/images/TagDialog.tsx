/** `docker tag`: give an image a new reference (checked as typed). */
import { useState } from 'react';
import type { ImageSummary } from '../../../shared/model';
import { parseReference } from '../../../shared/reference';
import { client } from '../../client/client';
import { Field, FormDialog } from '../../components/FormDialog';
import { useNotices } from '../../stores/notices';
import { imageLabel } from './label';

export function TagDialog({ image, onClose }: { image: ImageSummary; onClose(): void }) {
  const [target, setTarget] = useState('');
  const parsed = parseReference(target);
  const digest = parsed.ok && parsed.reference.digest;
  const error = target === '' ? null : !parsed.ok ? `Invalid image reference: ${parsed.error}` : digest ? 'A tag cannot be a digest: give name:tag' : null;
  return (
    <FormDialog
      title={`Tag ${imageLabel(image)}`}
      submitLabel="Tag"
      canSubmit={parsed.ok && !digest}
      error={error}
      onClose={onClose}
      onSubmit={async () => {
        await client().call('images.tag', { source: image.id, target });
        useNotices.getState().push('info', `Tagged ${imageLabel(image)} as ${parsed.ok ? parsed.reference.pullable : target}`);
        onClose();
      }}
    >
      <Field label="New reference" value={target} onChange={setTarget} autoFocus invalid={!!error} placeholder="registry.example.com:5000/team/app:1.2" />
    </FormDialog>
  );
}
