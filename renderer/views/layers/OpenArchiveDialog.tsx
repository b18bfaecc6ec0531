/**
 * Open an image archive from disk for layer inspection (`docker save` output, an OCI layout tar). In serve
 * mode the path is on the server's disk.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { FormDialog } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';

export function OpenArchiveDialog({ onClose }: { onClose(): void }) {
  const [path, setPath] = useState('');
  const invalid = path !== '' && !path.startsWith('/');
  return (
    <FormDialog
      title="Inspect an image archive"
      submitLabel="Open"
      canSubmit={!!path && !invalid}
      error={invalid ? 'Give an absolute path, e.g. /home/me/image.tar' : null}
      onClose={onClose}
      onSubmit={async () => {
        const { subject } = await client().call('layers.openArchive', { path });
        window.location.hash = `#/layers/${encodeURIComponent(subject)}`;
        onClose();
      }}
    >
      <p className="muted">A file written by docker save or podman save, or an OCI layout tar, on the machine Berth runs on.</p>
      <PathField kind="open" label="Archive path" value={path} onChange={setPath} autoFocus placeholder="/path/to/image.tar" invalid={invalid} />
    </FormDialog>
  );
}
