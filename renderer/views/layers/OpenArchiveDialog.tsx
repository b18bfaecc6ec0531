/**
 * Open an image archive from disk for layer inspection (`docker save` output, an OCI layout tar). In serve
 * mode the path is on the server's disk.
 */
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import { client } from '../../client/client';

export function OpenArchiveDialog({ onClose }: { onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [path, setPath] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const titleId = useId();
  const fieldId = useId();

  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!path.startsWith('/')) return setError('Give an absolute path, e.g. /home/me/image.tar');
    setBusy(true);
    try {
      const { subject } = await client().call('layers.openArchive', { path });
      window.location.hash = `#/layers/${encodeURIComponent(subject)}`;
      onClose();
    } catch (err) {
      setError((err as Error).message);
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <form onSubmit={(e) => void submit(e)}>
        <h2 id={titleId}>Inspect an image archive</h2>
        <p className="muted">A file written by docker save or podman save, or an OCI layout tar, on the machine Berth runs on.</p>
        <label htmlFor={fieldId}>Archive path</label>
        <input id={fieldId} type="text" value={path} onChange={(e) => setPath(e.target.value)} autoFocus placeholder="/path/to/image.tar" style={{ width: '100%' }} />
        {error && (
          <p role="alert" className="warn">
            {error}
          </p>
        )}
        <div className="dialog-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" disabled={busy || !path} aria-busy={busy}>
            Open
          </button>
        </div>
      </form>
    </dialog>
  );
}
