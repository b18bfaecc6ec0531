/**
 * Preview of a file as of the selected layer (text up to 1 MB) and, when a lower layer had it too, a
 * line diff against that previous version (jsdiff's diffLines).
 */
import { diffLines } from 'diff';
import { useMemo, useState } from 'react';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { formatBytes } from '../../format';

export function FilePreview({ image, layer, path }: { image: string; layer: number; path: string }) {
  const key = `${image}|${layer}|${path}`;
  const [mode, setMode] = useState<'content' | 'diff'>('content');
  // Wait a moment: arrowing through the tree should not start a save stream per file.
  const answer = useCall(key, () => client().call('layers.fileContent', { image, layer, path }), 250);
  const content = answer?.value;
  const error = answer?.error?.message;
  const cur = content?.current;
  const prev = content?.previous;
  const canDiff = cur?.text !== undefined && prev?.text !== undefined;
  const parts = useMemo(() => (canDiff && mode === 'diff' ? diffLines(prev!.text!, cur!.text!) : []), [canDiff, mode, prev, cur]);

  return (
    <section className="preview" aria-label="Preview">
      <header className="preview-head">
        <code>{path}</code>
        {cur && (
          <span className="muted">
            {formatBytes(cur.size)}, written by layer {cur.layer}
            {prev ? `; before that by layer ${prev.layer}` : ''}
          </span>
        )}
        {canDiff && (
          <button type="button" onClick={() => setMode(mode === 'diff' ? 'content' : 'diff')}>
            {mode === 'diff' ? 'Show content' : `Diff with layer ${prev!.layer}`}
          </button>
        )}
      </header>
      {error && <p role="alert">Could not read {path}: {error}</p>}
      {!content && !error && <p className="muted">Reading {path}…</p>}
      {content && !cur && <p className="muted">Not a regular file as of layer {layer} (removed, a directory or a special file).</p>}
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
