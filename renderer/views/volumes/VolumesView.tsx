/** The Volumes view: `docker volume ls` with size and users; Create, Browse (read-only), Remove (confirmed), Prune (previewed). */
import { useState } from 'react';
import { BrowseVolumeDialog } from './BrowseVolumeDialog';
import type { VolumeSummary } from '../../../shared/resources';
import { VolumeName } from '../../../shared/resources';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { useTextFilter } from '../../components/useTextFilter';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Field, FormDialog } from '../../components/FormDialog';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { ViewHeader } from '../../components/ViewHeader';
import { formatBytes } from '../../format';
import { reportError, useNotices } from '../../stores/notices';
import { useFollow, useVolumes } from '../../stores/stores';

function CreateVolumeDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const [name, setName] = useState('');
  const [driver, setDriver] = useState('local');
  const [labels, setLabels] = useState('');
  const nameError = name && !VolumeName.safeParse(name).success ? 'letters, digits, _ . - (starting with a letter or digit), at least 2 characters' : null;
  const labelLines = labels.split('\n').filter((l) => l.trim());
  const labelError = labelLines.find((l) => !/^[^=\s]+=/.test(l)) ? 'one KEY=value per line' : null;
  return (
    <FormDialog
      title="Create a volume"
      submitLabel="Create"
      canSubmit={!nameError && !labelError && !!driver.trim()}
      error={nameError ?? labelError}
      onClose={onClose}
      onSubmit={async () => {
        const r = await client().call('volumes.create', {
          ...(name ? { name } : {}),
          driver: driver.trim(),
          labels: Object.fromEntries(labelLines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)])),
        });
        useNotices.getState().push('info', `Created volume ${r.name}`);
        onDone();
        onClose();
      }}
    >
      <Field label="Name" value={name} onChange={setName} autoFocus placeholder="empty: the engine picks one" invalid={!!nameError} />
      <Field label="Driver" value={driver} onChange={setDriver} />
      <div className="field">
        <label htmlFor="volume-labels">Labels</label>
        <textarea id="volume-labels" rows={2} value={labels} onChange={(e) => setLabels(e.target.value)} placeholder="KEY=value, one per line" spellCheck={false} />
      </div>
    </FormDialog>
  );
}

function PruneVolumesDialog({ onClose, onDone }: { onClose(): void; onDone(): void }) {
  const preview = useCall('preview', () => client().call('volumes.prunePreview', {}));
  const [busy, setBusy] = useState(false);
  const list = preview?.value ?? [];
  const total = list.reduce((s, v) => s + (v.size ?? 0), 0);
  return (
    <ConfirmDialog
      title="Prune unused volumes"
      confirmLabel={`Remove ${list.length} volume${list.length === 1 ? '' : 's'}`}
      canConfirm={list.length > 0 && !busy}
      busy={busy}
      onCancel={onClose}
      onConfirm={() => {
        setBusy(true);
        client()
          .call('volumes.prune', { names: list.map((v) => v.name) })
          .then((r) => {
            useNotices.getState().push('info', `Removed ${r.removed.length} volumes, ${formatBytes(r.reclaimed)} freed${r.skipped.length ? `; kept ${r.skipped.join(', ')} (now in use)` : ''}`);
            onDone();
            onClose();
          })
          .catch((e) => reportError('prune volumes', e))
          .finally(() => setBusy(false));
      }}
    >
      {!preview ? (
        <p>Looking for unused volumes…</p>
      ) : preview.error ? (
        <p role="alert" className="error-text">{preview.error.message}</p>
      ) : list.length === 0 ? (
        <p>No unused volumes: every volume is mounted by a container.</p>
      ) : (
        <>
          <p>
            These volumes are used by no container and their data will be deleted ({formatBytes(total)}):
          </p>
          <ul aria-label="Volumes to remove" className="plain">
            {list.map((v) => (
              <li key={v.name}>
                <code>{v.name}</code> {v.size !== null && <span className="muted">{formatBytes(v.size)}</span>}
              </li>
            ))}
          </ul>
        </>
      )}
    </ConfirmDialog>
  );
}

export function VolumesView() {
  // Live: the list follows the engine's events (no refresh after an action).
  useFollow('volumes');
  const { items: rows, loaded } = useVolumes();
  const [dialog, setDialog] = useState<'create' | 'prune' | null>(null);
  const [removing, setRemoving] = useState<VolumeSummary | null>(null);
  const [browsing, setBrowsing] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { filter, setFilter, shown } = useTextFilter(rows);
  const columns: Column<VolumeSummary>[] = [
    { id: 'name', header: 'Name', width: 'minmax(160px, 2fr)', sortValue: (v) => v.name, cell: (v) => <span title={v.name}>{v.name}</span> },
    { id: 'driver', header: 'Driver', width: '90px', sortValue: (v) => v.driver, cell: (v) => v.driver },
    { id: 'mountpoint', header: 'Mountpoint', width: 'minmax(160px, 2fr)', cell: (v) => <span title={v.mountpoint}>{v.mountpoint}</span> },
    { id: 'size', header: 'Size', width: '100px', sortValue: (v) => v.size ?? -1, cell: (v) => (v.size === null ? '—' : formatBytes(v.size)) },
    { id: 'usedBy', header: 'Containers', width: 'minmax(120px, 1fr)', sortValue: (v) => v.usedBy.length, cell: (v) => v.usedBy.join(', ') || <span className="muted">unused</span> },
    {
      id: 'actions',
      header: 'Actions',
      width: '190px',
      cell: (v) => (
        <span className="actions">
          <button type="button" aria-label={`Browse ${v.name}`} onClick={() => setBrowsing(v.name)}>
            Browse
          </button>
          <button type="button" className="danger" title={`Remove ${v.name}`} onClick={() => setRemoving(v)}>
            Remove
          </button>
        </span>
      ),
    },
  ];
  return (
    <section className="view" aria-labelledby="volumes-title">
      <ViewHeader title="Volumes" shown={shown.length} total={rows.length} loaded={loaded} filter={filter} onFilter={setFilter} placeholder="Filter by name, driver, container…">
        <button type="button" className="primary" onClick={() => setDialog('create')}>
          Create
        </button>
        <button type="button" onClick={() => setDialog('prune')}>
          Prune
        </button>
      </ViewHeader>
      <VirtualTable label="Volumes" rows={shown} rowKey={(v) => v.name} columns={columns} initialSort={{ column: 'name', direction: 'ascending' }} empty={loaded ? (rows.length ? 'No volume matches the filter.' : 'No volumes.') : 'Loading volumes…'} />
      {dialog === 'create' && <CreateVolumeDialog onClose={() => setDialog(null)} onDone={() => undefined} />}
      {dialog === 'prune' && <PruneVolumesDialog onClose={() => setDialog(null)} onDone={() => undefined} />}
      {browsing && <BrowseVolumeDialog volume={browsing} onClose={() => setBrowsing(null)} />}
      {removing && (
        <ConfirmDialog
          title={`Remove volume ${removing.name}?`}
          confirmLabel="Remove"
          busy={busy}
          canConfirm={!busy}
          onCancel={() => setRemoving(null)}
          onConfirm={() => {
            setBusy(true);
            client()
              .call('volumes.remove', { name: removing.name, force: false })
              .then(() => setRemoving(null))
              .catch((e) => reportError(`remove ${removing.name}`, e))
              .finally(() => setBusy(false));
          }}
        >
          {removing.usedBy.length ? (
            <p className="error-text">In use by {removing.usedBy.join(', ')}: the engine will refuse until those containers are removed.</p>
          ) : (
            <p>Its data ({removing.size === null ? 'size unknown' : formatBytes(removing.size)}) is deleted for good.</p>
          )}
        </ConfirmDialog>
      )}
    </section>
  );
}
