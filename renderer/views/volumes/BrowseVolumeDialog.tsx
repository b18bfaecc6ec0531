/**
 * "Files in volume X": a volume's folders, read-only (volumes.browse reads them through a helper container
 * that is never started). Folders open in place, a path bar goes back up, and a file can be saved to a path
 * on Berth's machine (volumes.saveFile).
 */
import { useId, useRef, useState } from 'react';
import type { VolumeEntry } from '../../../shared/resources';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { PathField } from '../../components/PathField';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatAgo, formatBytes } from '../../format';
import { reportError, useNotices } from '../../stores/notices';
import { useModal } from '../../components/useModal';

const TYPE: Record<VolumeEntry['type'], string> = { dir: 'folder', file: 'file', symlink: 'link', other: 'other' };

function SaveFileForm({ volume, file, onDone }: { volume: string; file: string; onDone(): void }) {
  const [target, setTarget] = useState('');
  const [busy, setBusy] = useState(false);
  return (
    <form
      className="inline-form"
      aria-label={`Save ${file}`}
      onSubmit={(e) => {
        e.preventDefault();
        setBusy(true);
        client()
          .call('volumes.saveFile', { name: volume, path: file, target })
          .then((r) => {
            useNotices.getState().push('info', `Saved ${file} (${formatBytes(r.bytes)}) to ${target}`);
            onDone();
          })
          .catch((err) => reportError(`save ${file}`, err))
          .finally(() => setBusy(false));
      }}
    >
      <PathField kind="save" label={`Save ${file} to`} value={target} onChange={setTarget} autoFocus placeholder="/home/me/Downloads/file" />
      <button type="submit" className="primary" disabled={!target || busy} aria-busy={busy}>
        Save file
      </button>
      <button type="button" onClick={onDone}>
        Cancel
      </button>
    </form>
  );
}

export function BrowseVolumeDialog({ volume, onClose }: { volume: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const [dir, setDir] = useState('');
  const [saving, setSaving] = useState<string | null>(null);
  const listing = useCall(`${volume}:${dir}`, () => client().call('volumes.browse', { name: volume, path: dir }));
  useModal(ref);
  const parts = dir ? dir.split('/') : [];
  const join = (name: string) => (dir ? `${dir}/${name}` : name);
  const columns: Column<VolumeEntry>[] = [
    {
      id: 'name',
      header: 'Name',
      width: 'minmax(200px, 3fr)',
      sortValue: (e) => e.name,
      cell: (e) =>
        e.type === 'dir' ? (
          <button type="button" className="link" aria-label={`Open folder ${e.name}`} onClick={() => (setSaving(null), setDir(join(e.name)))}>
            {e.name}/
          </button>
        ) : (
          <span title={e.linkTarget ? `${e.name} → ${e.linkTarget}` : e.name}>
            {e.name}
            {e.linkTarget && <span className="muted"> → {e.linkTarget}</span>}
          </span>
        ),
    },
    { id: 'type', header: 'Type', width: '70px', sortValue: (e) => e.type, cell: (e) => TYPE[e.type] },
    { id: 'size', header: 'Size', width: '100px', sortValue: (e) => e.size, cell: (e) => (e.type === 'file' || e.type === 'dir' ? formatBytes(e.size) : '') },
    { id: 'mtime', header: 'Modified', width: '120px', sortValue: (e) => e.mtime ?? 0, cell: (e) => (e.mtime ? formatAgo(e.mtime) : '') },
    {
      id: 'actions',
      header: 'Actions',
      width: '90px',
      cell: (e) =>
        e.type === 'file' ? (
          <button type="button" aria-label={`Save ${e.name}`} onClick={() => setSaving(join(e.name))}>
            Save…
          </button>
        ) : null,
    },
  ];
  const rows = listing?.value?.entries ?? [];
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog wide"
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <h2 id={titleId}>Files in volume {volume}</h2>
      <nav aria-label="Folder path" className="path-bar">
        <button type="button" className="link" onClick={() => setDir('')} aria-current={dir === '' ? 'page' : undefined}>
          {volume}
        </button>
        {parts.map((p, i) => (
          <span key={i}>
            {' / '}
            <button type="button" className="link" onClick={() => setDir(parts.slice(0, i + 1).join('/'))} aria-current={i === parts.length - 1 ? 'page' : undefined}>
              {p}
            </button>
          </span>
        ))}
      </nav>
      {listing?.error && (
        <p role="alert" className="error-text">
          {listing.error.message}
        </p>
      )}
      {listing?.value?.truncated && <p className="muted">This folder holds more than Berth reads at once: the list and folder sizes are partial.</p>}
      <div className="browse-table">
        <VirtualTable label="Files" rows={rows} rowKey={(e) => e.name} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty={listing ? 'Empty folder.' : 'Reading the volume…'} />
      </div>
      {saving && <SaveFileForm volume={volume} file={saving} onDone={() => setSaving(null)} />}
      <p className="muted">
        Read-only: Berth reads the volume through a helper container{listing?.value ? ` made from ${listing.value.helperImage}` : ''}, never started and removed at once.
      </p>
      <div className="dialog-actions">
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
    </dialog>
  );
}
