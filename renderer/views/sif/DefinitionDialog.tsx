/**
 * "Copy as Singularity definition": the definition file for an image (`Bootstrap: docker` pinned by its
 * registry digest, else `docker-daemon` with the local ID, and why), shown with its reproducibility notes
 * and copied with one button.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { FormDialog } from '../../components/FormDialog';

export function DefinitionDialog({ image, label, onClose }: { image: string; label: string; onClose(): void }) {
  const def = useCall(image, () => client().call('images.singularityDefinition', { image }));
  const [copied, setCopied] = useState(false);
  const text = def?.value?.text;
  return (
    <FormDialog
      title={`Singularity definition for ${label}`}
      submitLabel={copied ? 'Copied' : 'Copy'}
      canSubmit={!!text}
      cancelLabel="Close"
      wide
      onClose={onClose}
      onSubmit={async () => {
        if (!navigator.clipboard) throw new Error('This browser gives no clipboard here: select the text and copy it.');
        await navigator.clipboard.writeText(text!);
        setCopied(true);
      }}
    >
      {!def && <p className="muted">Reading the image…</p>}
      {def?.error && <p role="alert" className="error-text">{def.error.message}</p>}
      {def?.value && (
        <>
          <p className={def.value.pinned ? 'muted' : 'warning-text'}>
            {def.value.pinned ? 'Pinned by its registry digest: the same image on every machine.' : 'Not pinned by a registry digest: see the notes.'}
          </p>
          {def.value.notes.length > 0 && (
            <ul aria-label="Notes" className="notes">
              {def.value.notes.map((n) => (
                <li key={n}>{n}</li>
              ))}
            </ul>
          )}
          <pre className="raw definition" aria-label="Definition file" tabIndex={0}>
            {def.value.text}
          </pre>
        </>
      )}
    </FormDialog>
  );
}
