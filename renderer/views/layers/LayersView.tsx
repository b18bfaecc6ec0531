/**
 * Layer inspection of one image: summary (efficiency, wasted space), the Layers table, the selected
 * layer's Files tree (its changes, or the image as of it) and the files that waste space.
 */
import { SubViewHeader } from '../../components/SubViewHeader';
import { useState } from 'react';
import { Group, Panel, Separator } from 'react-resizable-panels';
import type { FileChangeKind, FileType } from '../../../shared/layers';
import { client, errorName } from '../../client/client';
import { useCall } from '../../client/useCall';
import { countOf, formatBytes, shortId } from '../../format';
import { useLayerProgress } from '../../stores/layers';
import { useImages } from '../../stores/stores';
import { FilePreview } from './FilePreview';
import { FileTree } from './FileTree';
import { LayerTable, shortCommand } from './LayerTable';
import { SEARCH_LIMIT, useFileTree } from './useFileTree';
import { wastedNote } from './wasted';

const KINDS: FileChangeKind[] = ['added', 'modified', 'removed'];

export function LayersView({ image }: { image: string }) {
  // Results are kept with the request they answer, so a new image or layer never shows stale data.
  const analysis = useCall(image, () => client().call('layers.analyze', { image }));
  const [chosen, setChosen] = useState<{ image: string; layer: number } | null>(null);
  const [view, setView] = useState<'changes' | 'image'>('changes');
  const [text, setText] = useState('');
  const [kinds, setKinds] = useState<FileChangeKind[]>([]);
  const [sort, setSort] = useState<'name' | 'size'>('name');
  const [onlyChanged, setOnlyChanged] = useState(false);
  const [previewed, setPreviewed] = useState<{ key: string; path: string; type: FileType } | null>(null);
  const progress = useLayerProgress((s) => s.progress[image]);
  const tags = useImages((s) => s.items.find((i) => i.id === image)?.repoTags);

  const report = analysis?.value;
  const error = analysis?.error && `${errorName(analysis.error) === 'Cancelled' ? 'Cancelled' : 'Could not analyse'} ${image}: ${analysis.error.message}`;
  const selected = chosen?.image === image ? chosen.layer : Math.max(0, (report?.layers.length ?? 1) - 1);
  const setSelected = (layer: number) => setChosen({ image, layer });
  const tree = useFileTree(image, { layer: selected, view, sort, hideUnchanged: view === 'changes' || onlyChanged }, text, kinds, report !== undefined);

  const layer = report?.layers[selected];
  const wasted = report ? wastedNote(report.wastedUserPercent, report.userSizeBytes) : null;
  const running = progress?.state === 'running';
  const pct = progress?.bytesTotal ? Math.min(100, Math.round((progress.bytesRead / progress.bytesTotal) * 100)) : undefined;

  return (
    <section className="view layers-view" aria-labelledby="layers-title">
      <SubViewHeader back={{ href: '#/images', name: 'Images' }} id="layers-title" title={<>Layers of {tags?.[0] ?? report?.repoTags[0] ?? shortId(image)}</>} />
      {(error ?? tree.error) && (
        <p className="notice error" role="alert">
          {error ?? tree.error}
        </p>
      )}
      {!report && !error && (
        <div className="analysing">
          <span id="analysis-label">Analysing {image}…</span>
          <progress aria-labelledby="analysis-label" max={100} value={pct ?? 0} aria-valuenow={pct ?? 0} />
          <span className="muted">{progress ? `${formatBytes(progress.bytesRead)}${progress.bytesTotal ? ` of ~${formatBytes(progress.bytesTotal)}` : ''}` : ''}</span>
          {running && (
            <button type="button" onClick={() => void client().call('layers.cancel', { image })}>
              Cancel
            </button>
          )}
        </div>
      )}
      {report && (
        <>
          <dl className="summary" aria-label="Image summary">
            <div>
              <dt>Efficiency</dt>
              {/* Rounded down, so an image with any waste never reads 100 %. */}
              <dd>{(Math.floor(report.efficiency * 10_000) / 100).toFixed(2)} %</dd>
            </div>
            <div>
              <dt>Wasted space</dt>
              <dd>
                {formatBytes(report.wastedBytes)}
                {wasted && <span className="muted"> {wasted}</span>}
              </dd>
            </div>
            <div>
              <dt>Image size</dt>
              <dd>{formatBytes(report.sizeBytes)}</dd>
            </div>
            <div>
              <dt>Shipped but hidden</dt>
              <dd>{formatBytes(report.layers.reduce((n, l) => n + l.hiddenBytes, 0))}</dd>
            </div>
            <div>
              <dt>Layers</dt>
              <dd>
                {report.layers.length} <span className="muted">({countOf(report.history.length - report.layers.length, 'empty step')})</span>
              </dd>
            </div>
          </dl>
          {/* Resizable panes that each keep a minimum size: the Layers table never collapses (5 rows at least). */}
          <Group orientation="horizontal" className="layers-body">
            <Panel id="layers-left" minSize="420px" defaultSize="55%" className="layers-pane">
              <Group orientation="vertical" className="layers-left">
                <Panel id="layers-table" minSize="200px" defaultSize="62%" className="layers-pane">
                  <LayerTable report={report} selected={selected} onSelect={setSelected} />
                </Panel>
                <Separator className="split split-row" aria-label="Resize the Layers table" />
                <Panel id="layers-detail" minSize="90px" className="layers-pane layers-detail-pane">
                  {layer && (
                    <div className="layer-detail" aria-label="Selected layer">
                      <h2>Layer {layer.index}</h2>
                      <pre className="full-cmd">{shortCommand(layer.createdBy)}</pre>
                      <p className="muted">
                        {formatBytes(layer.size)} of files · {layer.hiddenBytes ? `${formatBytes(layer.hiddenBytes)} hidden by later layers · ` : ''}
                        {layer.supersededBytes ? `removes or replaces ${formatBytes(layer.supersededBytes)} of lower layers · ` : ''}
                        {layer.diffId ? <code title={layer.diffId}>{layer.diffId.slice(0, 19)}…</code> : null}
                      </p>
                    </div>
                  )}
                  {report.inefficientFiles.length > 0 && <h2 className="subhead">Wasted space by file</h2>}
                  {report.inefficientFiles.length > 0 && (
                    <table className="layer-table" aria-label="Wasted space by file">
                      <thead>
                        <tr>
                          <th scope="col">Path</th>
                          <th scope="col">Copies</th>
                          <th scope="col">Bytes</th>
                          <th scope="col">Layers</th>
                        </tr>
                      </thead>
                      <tbody>
                        {report.inefficientFiles.slice(0, 20).map((f) => (
                          <tr key={f.path}>
                            <td className="cmd">{f.path}</td>
                            <td>{f.count}</td>
                            <td>{formatBytes(f.cumulativeBytes)}</td>
                            <td>{f.layers.join(', ')}</td>
                          </tr>
                        ))}
                      </tbody>
                    </table>
                  )}
                </Panel>
              </Group>
            </Panel>
            <Separator className="split split-col" aria-label="Resize the Files pane" />
            <Panel id="layers-right" minSize="360px" className="layers-pane">
              <div className="layers-right">
                <div className="tree-controls">
                  <div role="radiogroup" aria-label="Files shown">
                    <label className="check">
                      <input type="radio" name="files-view" checked={view === 'changes'} onChange={() => setView('changes')} />
                      Changes in this layer
                    </label>
                    <label className="check">
                      <input type="radio" name="files-view" checked={view === 'image'} onChange={() => setView('image')} />
                      Image as of this layer
                    </label>
                  </div>
                  {view === 'image' && (
                    <label className="check">
                      <input type="checkbox" checked={onlyChanged} onChange={(e) => setOnlyChanged(e.target.checked)} />
                      Collapse unchanged
                    </label>
                  )}
                  <input type="search" aria-label="Filter files" placeholder="Filter by path…" value={text} onChange={(e) => setText(e.target.value)} />
                  {KINDS.map((k) => (
                    <label key={k} className="check">
                      <input type="checkbox" checked={kinds.includes(k)} onChange={(e) => setKinds((s) => (e.target.checked ? [...s, k] : s.filter((x) => x !== k)))} />
                      {k[0].toUpperCase() + k.slice(1)}
                    </label>
                  ))}
                  <label className="check">
                    Sort
                    <select aria-label="Sort files" value={sort} onChange={(e) => setSort(e.target.value as 'name' | 'size')}>
                      <option value="name">by name</option>
                      <option value="size">by size</option>
                    </select>
                  </label>
                </div>
                {tree.search && (
                  <p className="muted" role="status">
                    {tree.search.truncated ? `First ${SEARCH_LIMIT.toLocaleString()} matches shown` : `${tree.search.matches.toLocaleString()} matching paths`}
                  </p>
                )}
                {report && tree.visible ? (
                  <FileTree
                    visible={tree.visible}
                    onToggle={tree.toggle}
                    onSelect={(r) => setPreviewed(r.kind !== 'removed' && r.mode !== undefined ? { key: `${image}|${selected}`, path: r.path, type: r.type } : null)}
                  />
                ) : (
                  <p className="muted">Loading files…</p>
                )}
                {previewed && previewed.key === `${image}|${selected}` && <FilePreview image={image} layer={selected} path={previewed.path} type={previewed.type} />}
              </div>
            </Panel>
          </Group>
        </>
      )}
    </section>
  );
}
