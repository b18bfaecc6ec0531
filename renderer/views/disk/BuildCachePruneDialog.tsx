/**
 * "Prune build cache": the build-cache entries no build uses and no image shares, listed before anything is
 * removed; confirming removes exactly those IDs (BuildKit may also drop unused entries built on them: the
 * notice says how many went and what was freed). On Podman there is no BuildKit cache, and it says so.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatAgo, formatBytes } from '../../format';
import { reportError, useNotices } from '../../stores/notices';

export function BuildCachePruneDialog({ onClose }: { onClose(): void }) {
  const preview = useCall('build-cache', () => client().call('system.buildCachePreview', {}));
  const [busy, setBusy] = useState(false);
  const entries = preview?.value?.entries ?? [];
  const supported = preview?.value?.supported ?? true;
  return (
    <ConfirmDialog
      title="Prune build cache"
      confirmLabel={`Remove ${entries.length} entr${entries.length === 1 ? 'y' : 'ies'}`}
      canConfirm={!!preview?.value && supported && entries.length > 0 && !busy}
      busy={busy}
      onCancel={onClose}
      onConfirm={() => {
        setBusy(true);
        client()
          .call('system.buildCachePrune', { ids: entries.map((e) => e.id) })
          .then((r) => {
            useNotices.getState().push('info', `Removed ${r.removed.length} build-cache entries, ${formatBytes(r.reclaimed)} freed`);
            onClose();
          })
          .catch((err) => reportError('prune the build cache', err))
          .finally(() => setBusy(false));
      }}
    >
      {!preview && <p>Reading the build cache…</p>}
      {preview?.error && (
        <p role="alert" className="error-text">
          {preview.error.message}
        </p>
      )}
      {preview?.value && !supported && <p>This engine is Podman: it builds with Buildah and keeps no BuildKit build cache, so there is nothing to prune here.</p>}
      {preview?.value && supported && entries.length === 0 && <p>No build-cache entry is unused: nothing to remove.</p>}
      {entries.length > 0 && (
        <>
          <p>
            {entries.length === 1 ? 'This entry is' : `These ${entries.length} entries are`} used by no build and shared with no image; removing them frees {formatBytes(preview!.value!.reclaimable)}.
          </p>
          <div className="scroll-box">
            <table className="simple" aria-label="Build-cache entries to remove">
              <thead>
                <tr>
                  <th scope="col">Type</th>
                  <th scope="col">Made by</th>
                  <th scope="col">Size</th>
                  <th scope="col">Last used</th>
                </tr>
              </thead>
              <tbody>
                {entries.map((e) => (
                  <tr key={e.id}>
                    <td>{e.type}</td>
                    <td title={e.id}>{e.description || e.id}</td>
                    <td>{formatBytes(e.size)}</td>
                    <td>{e.lastUsed ? formatAgo(e.lastUsed) : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </ConfirmDialog>
  );
}
