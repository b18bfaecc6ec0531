/**
 * Pull an image: a reference checked against the Docker reference grammar as it is typed (nothing is sent
 * while it is invalid), then the pull's per-layer progress.
 */
import { useState } from 'react';
import { parseReference } from '../../../shared/reference';
import { client } from '../../client/client';
import { Field } from '../../components/FormDialog';
import { TaskDialog } from './TaskDialog';

export function PullDialog({ initial = '', onClose }: { initial?: string; onClose(): void }) {
  const [reference, setReference] = useState(initial);
  const parsed = parseReference(reference);
  const invalid = reference !== '' && !parsed.ok;
  return (
    <TaskDialog
      title="Pull an image"
      submitLabel="Pull"
      canSubmit={parsed.ok}
      error={invalid && !parsed.ok ? `Invalid image reference: ${parsed.error}` : null}
      start={() => client().call('images.pull', { reference })}
      onClose={onClose}
    >
      <Field
        label="Image"
        value={reference}
        onChange={setReference}
        autoFocus
        invalid={invalid}
        placeholder="busybox:1.36, registry.example.com:5000/team/app:1.2, name@sha256:…"
        hint={parsed.ok ? `From ${parsed.reference.registry}: ${parsed.reference.pullable}` : 'A name, name:tag, host:port/path/name:tag or name@sha256:digest'}
      />
    </TaskDialog>
  );
}
