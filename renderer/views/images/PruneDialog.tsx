/**
 * Prune images: first exactly what would go (dangling, or every unused image) and the space it frees,
 * then, on confirmation, exactly those images — anything that appeared or got used since stays.
 */
import { useState } from 'react';
import type { PruneMode } from '../../../shared/images';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { dockerSize, shortId } from '../../format';
import { reportError, useNotices } from '../../stores/notices';
import { imageLabel } from './label';

export function PruneDialog({ onClose }: { onClose(): void }) {
  const [mode, setMode] = useState<PruneMode>('dangling');
  const [busy, setBusy] = useState(false);
  const answer = useCall(mode, () => client().call('images.prunePreview', { mode }));
  const shown = answer?.value ?? null;
  const error = answer?.error?.message ?? null;

  const prune = async () => {
    if (!shown) return;
    setBusy(true);
    try {
      const r = await client().call('images.prune', { mode, ids: shown.images.map((i) => i.id) });
      const kept = r.kept.length ? `; ${r.kept.length} kept (${r.kept.map((k) => `${shortId(k.id)}: ${k.reason}`).join('; ')})` : '';
      useNotices.getState().push('info', `Pruned ${r.removed.length} image${r.removed.length === 1 ? '' : 's'}, ${dockerSize(r.reclaimed)} reclaimed${kept}`);
      onClose();
    } catch (e) {
      reportError('prune images', e);
      setBusy(false);
    }
  };

  return (
    <ConfirmDialog
      title="Prune images"
      confirmLabel={shown ? `Remove ${shown.images.length} image${shown.images.length === 1 ? '' : 's'}` : 'Remove'}
      canConfirm={!!shown && shown.images.length > 0}
      busy={busy}
      onConfirm={() => void prune()}
      onCancel={onClose}
    >
      <fieldset className="row" style={{ border: 'none', padding: 0 }}>
        <legend className="muted">Which images</legend>
        <label className="check">
          <input type="radio" name="prune-mode" checked={mode === 'dangling'} onChange={() => setMode('dangling')} /> Dangling (untagged)
        </label>
        <label className="check">
          <input type="radio" name="prune-mode" checked={mode === 'unused'} onChange={() => setMode('unused')} /> All unused (no container uses them)
        </label>
      </fieldset>
      {error && <p role="alert" className="error-text">{error}</p>}
      {!shown && !error && <p className="muted">Finding images…</p>}
      {shown && (
        <>
          <p>
            {shown.images.length ? (
              <>
                {shown.images.length === 1 ? 'This image' : `These ${shown.images.length} images`} will be removed, freeing <strong>{dockerSize(shown.reclaimable)}</strong>:
              </>
            ) : (
              'Nothing to prune.'
            )}
          </p>
          {shown.toBuildCache > 0 && (
            <p className="muted">
              {dockerSize(shown.toBuildCache)} more of their layers stays on disk: BuildKit&apos;s build cache holds it, and it becomes reclaimable build cache
              (Disk usage → Prune build cache).
            </p>
          )}
          {shown.images.length > 0 && (
            <div style={{ maxHeight: 260, overflow: 'auto' }}>
              <table className="plain-table" aria-label="Images to remove">
                <thead>
                  <tr>
                    <th>Image</th>
                    <th>ID</th>
                    <th>Frees</th>
                  </tr>
                </thead>
                <tbody>
                  {shown.images.map((i) => (
                    <tr key={i.id}>
                      <td>{imageLabel(i)}</td>
                      <td>
                        <code>{shortId(i.id)}</code>
                      </td>
                      <td>
                        {dockerSize(i.frees)}
                        {i.sharedWithKept > 0 && (
                          <span className="muted">
                            {' '}
                            (shared with {i.sharedWithKept} image{i.sharedWithKept === 1 ? '' : 's'} that stay{i.sharedWithKept === 1 ? 's' : ''})
                          </span>
                        )}
                        {i.frees === 0 && i.sharedWithKept === 0 && i.size > 0 && <span className="muted"> (its layers are counted at another image in this list)</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </ConfirmDialog>
  );
}
