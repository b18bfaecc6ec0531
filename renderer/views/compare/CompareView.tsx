/** Compare two images: the base layers they share, the layers each adds, and the files that differ. */
import { useState } from 'react';
import type { FileDifference, ImageComparison } from '../../../shared/layers';
import { client } from '../../client/client';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { formatBytes, shortId } from '../../format';
import { useImages } from '../../stores/stores';
import { CommandCell } from '../layers/LayerTable';

const KIND_TEXT: Record<FileDifference['kind'], string> = { onlyFirst: 'only in first', onlySecond: 'only in second', differs: 'differs' };

const columns: Column<FileDifference>[] = [
  { id: 'path', header: 'Path', width: 'minmax(240px, 3fr)', sortValue: (f) => f.path, cell: (f) => <code title={f.path}>{f.path}</code> },
  {
    id: 'kind',
    header: 'Difference',
    width: 'minmax(140px, 1fr)',
    sortValue: (f) => f.kind,
    cell: (f) => `${KIND_TEXT[f.kind]}${f.changed?.length ? ` (${f.changed.join(', ')})` : ''}`,
  },
  { id: 'first', header: 'First', width: '110px', sortValue: (f) => f.sizeFirst ?? -1, cell: (f) => (f.sizeFirst === undefined ? '—' : formatBytes(f.sizeFirst)) },
  { id: 'second', header: 'Second', width: '110px', sortValue: (f) => f.sizeSecond ?? -1, cell: (f) => (f.sizeSecond === undefined ? '—' : formatBytes(f.sizeSecond)) },
];

/** A labelled choice among the local images. */
function ImageSelect({ label, value, onChange }: { label: string; value: string; onChange(id: string): void }) {
  const images = useImages((s) => s.items);
  return (
    <label className="check">
      {label}
      <select value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">choose…</option>
        {images.map((i) => (
          <option key={i.id} value={i.id}>
            {i.repoTags.join(', ') || `<none> ${shortId(i.id)}`}
          </option>
        ))}
      </select>
    </label>
  );
}

export function CompareView() {
  const images = useImages((s) => s.items);
  const [first, setFirst] = useState('');
  const [second, setSecond] = useState('');
  const [state, setState] = useState<{ busy?: boolean; result?: ImageComparison; error?: string }>({});
  const name = (id: string) => images.find((i) => i.id === id)?.repoTags[0] ?? shortId(id);

  const compare = async () => {
    setState({ busy: true });
    try {
      setState({ result: await client().call('layers.compare', { first, second }) });
    } catch (err) {
      setState({ error: (err as Error).message });
    }
  };
  const r = state.result;

  return (
    <section className="view" aria-labelledby="compare-title">
      <header className="view-head">
        <h1 id="compare-title">Compare images</h1>
        <ImageSelect label="First image" value={first} onChange={setFirst} />
        <ImageSelect label="Second image" value={second} onChange={setSecond} />
        <button type="button" disabled={!first || !second || first === second || state.busy} aria-busy={state.busy} onClick={() => void compare()}>
          Compare
        </button>
      </header>
      {state.busy && <p className="muted" role="status">Analysing both images…</p>}
      {state.error && (
        <p className="notice error" role="alert">
          Could not compare: {state.error}
        </p>
      )}
      {r && (
        <>
          <dl className="summary" aria-label="Comparison summary">
            <div>
              <dt>Shared base</dt>
              <dd>
                {r.commonLayers} layers <span className="muted">({formatBytes(r.commonBytes)})</span>
              </dd>
            </div>
            <div>
              <dt>Own layers of {name(first)}</dt>
              <dd>{r.onlyFirst.length}</dd>
            </div>
            <div>
              <dt>Own layers of {name(second)}</dt>
              <dd>{r.onlySecond.length}</dd>
            </div>
            <div>
              <dt>Paths that differ</dt>
              <dd>{r.filesTotal.toLocaleString()}</dd>
            </div>
          </dl>
          <div className="compare-layers">
            {[
              { title: `Layers only in ${name(first)}`, layers: r.onlyFirst },
              { title: `Layers only in ${name(second)}`, layers: r.onlySecond },
            ].map((side) => (
              <table key={side.title} className="layer-table" aria-label={side.title}>
                <caption>{side.title}</caption>
                <thead>
                  <tr>
                    <th scope="col">#</th>
                    <th scope="col">Size</th>
                    <th scope="col">Command</th>
                  </tr>
                </thead>
                <tbody>
                  {side.layers.map((l) => (
                    <tr key={l.index}>
                      <td>{l.index}</td>
                      <td>{formatBytes(l.size)}</td>
                      <CommandCell createdBy={l.createdBy} />
                    </tr>
                  ))}
                </tbody>
              </table>
            ))}
          </div>
          {r.files.length < r.filesTotal && <p className="muted">The first {r.files.length.toLocaleString()} differences are listed.</p>}
          <VirtualTable label="Files that differ" rows={r.files} rowKey={(f) => f.path} columns={columns} initialSort={{ column: 'path', direction: 'ascending' }} empty="The two images hold the same files." />
        </>
      )}
    </section>
  );
}
