/**
 * Preview of a path as of the selected layer: its details (type, mode, owner, link target, what the layer
 * changed, old → new) for every kind of path, and for a regular file its text (up to 1 MB) and, when a
 * lower layer had it too, a line diff against that previous version (jsdiff's diffLines).
 */
import { diffLines } from 'diff';
import { useMemo, useState } from 'react';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import type { FileType } from '../../../shared/layers';
import { formatBytes } from '../../format';
import { detailRows } from './file-details';

export function FilePreview({ image, layer, path, type }: { image: string; layer: number; path: string; type: FileType }) {
  const key = `${image}|${layer}|${path}`;
  const [mode, setMode] = useState<'content' | 'diff'>('content');
  const hasContent = type === 'file' || type === 'hardlink';
  // Metadata comes from the analysis in memory: at once.
  const infoAnswer = useCall(key, () => client().call('layers.fileInfo', { image, layer, path }));
  const info = infoAnswer?.value;
  const details = info ? detailRows(info) : [];
  // Wait a moment: arrowing through the tree should not start a save stream per file.
  const answer = useCall(key, () => (hasContent ? client().call('layers.fileContent', { image, layer, path }) : Promise.resolve(null)), 250);
  const content = answer?.value;
  const error = answer?.error?.message ?? infoAnswer?.error?.message;
  const cur = content?.current;
  const prev = content?.previous;
  // A layer that changed only the mode or owner has nothing to diff.
  const contentChanged = !info?.changed || info.changed.includes('content');
  const canDiff = cur?.text !== undefined && prev?.text !== undefined && contentChanged;
  const parts = useMemo(() => (canDiff && mode === 'diff' ? diffLines(prev!.text!, cur!.text!) : []), [canDiff, mode, prev, cur]);

  return (
    <section className="preview" aria-label="Preview">
      <header className="preview-head">
        <code>{path}</code>
        {cur ? (
          <span className="muted">
            {formatBytes(cur.size)}, written by layer {cur.layer}
            {prev ? `; before that by layer ${prev.layer}` : ''}
          </span>
        ) : info?.current ? (
          <span className="muted">
            Written by layer {info.current.layer}
            {info.previous ? `; before that by layer ${info.previous.layer}` : ''}
          </span>
        ) : null}
        {canDiff && (
          <button type="button" onClick={() => setMode(mode === 'diff' ? 'content' : 'diff')}>
            {mode === 'diff' ? 'Show content' : `Diff with layer ${prev!.layer}`}
          </button>
        )}
      </header>
      {details.length > 0 && (
        <table className="file-details" aria-label="File details">
          <tbody>
            {details.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {error && <p role="alert">Could not read {path}: {error}</p>}
      {hasContent && !content && !error && <p className="muted">Reading {path}…</p>}
      {hasContent && content && !cur && <p className="muted">Not a regular file as of layer {layer} (removed, a directory or a special file).</p>}
      {cur?.binary && <p className="muted">Binary file, {formatBytes(cur.size)}: no preview.</p>}
      {cur?.truncated && !cur.binary && <p className="muted">Showing the first 1 MB of {formatBytes(cur.size)}.</p>}
      {cur?.text !== undefined && mode === 'content' && <pre className="preview-text">{cur.text}</pre>}
      {mode === 'diff' && canDiff && (
        <pre className="preview-text diff" aria-label={`Diff of ${path} between layer ${prev!.layer} and layer ${cur!.layer}`}>
          {parts.map((p, i) => (
            <span key={i} className={p.added ? 'ins' : p.removed ? 'del' : undefined}>
              {p.value
                .replace(/\n$/, '')
                .split('\n')
                .map((line) => `${p.added ? '+' : p.removed ? '-' : ' '} ${line}\n`)
                .join('')}
            </span>
          ))}
        </pre>
      )}
    </section>
  );
}
