/**
 * The Images view: every image (`docker images`), live, with filter, sort and use count; pull, build, load,
 * prune, open a SIF; per image details, layers, tag, push, save, export as SIF, a Singularity definition and remove.
 */
import { useMemo, useState } from 'react';
import type { ImageSummary } from '../../../shared/model';
import { go, MoreMenu } from '../../components/MoreMenu';
import { VirtualTable, type Column } from '../../components/VirtualTable';
import { createdColumn } from '../../components/columns';
import { ViewHeader } from '../../components/ViewHeader';
import { useSelection } from '../../stores/selection';
import { formatBytes, shortId } from '../../format';
import { useContainers, useImages } from '../../stores/stores';
import { OpenArchiveDialog } from '../layers/OpenArchiveDialog';
import { BuildDialog } from './BuildDialog';
import { PruneDialog } from './PruneDialog';
import { PullDialog } from './PullDialog';
import { PushDialog } from './PushDialog';
import { LoadDialog, SaveDialog } from './SaveLoadDialogs';
import { TagDialog } from './TagDialog';
import { RunDialog } from '../containers/RunDialog';
import { imageLabel } from './label';
import { RemoveImageDialog } from './RemoveImageDialog';
import { DefinitionDialog } from '../sif/DefinitionDialog';
import { ExportSifDialog } from '../sif/ExportSifDialog';
import { OpenSifDialog } from '../sif/OpenSifDialog';

/** One line per tag (20 px each), at least the usual 40 px row. */
const imageRowHeight = (i: ImageSummary) => Math.max(40, 20 * i.repoTags.length + 16);

export function ImagesView() {
  const selected = useSelection((s) => s.image);
  const select = useSelection((s) => s.select);
  const { items, loaded } = useImages();
  const containers = useContainers((s) => s.items);
  const [filter, setFilter] = useState('');
  const [removing, setRemoving] = useState<ImageSummary | null>(null);
  const [opening, setOpening] = useState(false);
  /** The dialog open, if any, and the image it acts on. */
  const [dialog, setDialog] = useState<{ kind: 'pull' | 'build' | 'load' | 'prune' | 'open-sif' } | { kind: 'tag' | 'push' | 'save' | 'run' | 'sif' | 'definition'; image: ImageSummary } | null>(null);
  const close = () => setDialog(null);

  /** Containers per image ID, derived from the live container list. */
  const usage = useMemo(() => {
    const m = new Map<string, number>();
    for (const c of containers) m.set(c.imageId, (m.get(c.imageId) ?? 0) + 1);
    return m;
  }, [containers]);

  const rows = useMemo(() => {
    const t = filter.toLowerCase();
    return t ? items.filter((i) => imageLabel(i).toLowerCase().includes(t) || i.id.includes(t)) : items;
  }, [items, filter]);

  const columns: Column<ImageSummary>[] = [
    {
      id: 'ref',
      header: 'Repository:Tag',
      width: 'minmax(200px, 2fr)',
      sortValue: imageLabel,
      // Every tag shown, one per line (`docker images` has a row per tag; nothing hides behind an ellipsis).
      cell: (i) =>
        i.repoTags.length ? (
          <ul className="tag-list" aria-label={`Tags of ${shortId(i.id)}`}>
            {i.repoTags.map((t) => (
              <li key={t} className="name" title={t}>
                {t}
              </li>
            ))}
          </ul>
        ) : (
          <span className="name dangling">{imageLabel(i)}</span>
        ),
    },
    { id: 'id', header: 'Image ID', width: '130px', sortValue: (i) => i.id, cell: (i) => <code title={i.id}>{shortId(i.id)}</code> },
    { id: 'size', header: 'Size', width: '100px', sortValue: (i) => i.size, cell: (i) => formatBytes(i.size) },
    createdColumn((i) => i.created),
    {
      id: 'containers',
      header: 'Containers',
      width: '110px',
      sortValue: (i) => usage.get(i.id) ?? 0,
      cell: (i) => <span title="Containers created from this image">{usage.get(i.id) ?? 0}</span>,
    },
    {
      id: 'actions',
      header: 'Actions',
      width: '290px',
      // In the row: Run, Layers and Remove; Details, Tag, Push, Save, Export as SIF… and the definition in More.
      cell: (i) => (
        <span className="actions">
          <button type="button" title={`Run a container from ${imageLabel(i)}`} onClick={() => setDialog({ kind: 'run', image: i })}>
            Run
          </button>
          <a className="button" role="button" href={`#/layers/${encodeURIComponent(i.id)}`} title={`Inspect the layers of ${imageLabel(i)}`}>
            Layers
          </a>
          <button type="button" className="danger" title={`Remove ${imageLabel(i)}`} onClick={() => setRemoving(i)}>
            Remove
          </button>
          <MoreMenu
            name={imageLabel(i)}
            actions={[
              { label: 'Details', title: `Details of ${imageLabel(i)}`, onSelect: () => go(`#/image/${encodeURIComponent(i.id)}`) },
              { label: 'Tag', title: `Tag ${imageLabel(i)}`, onSelect: () => setDialog({ kind: 'tag', image: i }) },
              {
                label: 'Push',
                title: i.repoTags.length ? `Push ${imageLabel(i)}` : 'An image without a tag cannot be pushed: tag it first',
                disabled: !i.repoTags.length,
                onSelect: () => setDialog({ kind: 'push', image: i }),
              },
              { label: 'Save', title: `Save ${imageLabel(i)} to a file`, onSelect: () => setDialog({ kind: 'save', image: i }) },
              { label: 'Export as SIF…', title: `Export ${imageLabel(i)} as a Singularity/Apptainer SIF file`, onSelect: () => setDialog({ kind: 'sif', image: i }) },
              { label: 'Copy as Singularity definition', title: `A Singularity definition file for ${imageLabel(i)}`, onSelect: () => setDialog({ kind: 'definition', image: i }) },
            ]}
          />
        </span>
      ),
    },
  ];

  return (
    <section className="view" aria-labelledby="images-title">
      <ViewHeader title="Images" shown={rows.length} total={items.length} loaded={loaded} filter={filter} onFilter={setFilter} placeholder="Filter by reference or ID…">
        <button type="button" className="primary" onClick={() => setDialog({ kind: 'pull' })}>
          Pull
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'build' })}>
          Build
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'load' })} title="Load images from a docker save file">
          Load
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'prune' })} title="Remove dangling or unused images">
          Prune
        </button>
        <button type="button" onClick={() => setOpening(true)} title="Inspect the layers of an image archive (docker save output) on disk">
          Open archive
        </button>
        <button type="button" onClick={() => setDialog({ kind: 'open-sif' })} title="Open a Singularity/Apptainer SIF file: its metadata, files, or import it">
          Open SIF…
        </button>
      </ViewHeader>
      <VirtualTable
        label="Images"
        selected={selected}
        onSelect={(key) => select('image', key)}
        rows={rows}
        rowKey={(i) => i.id}
        rowHeightOf={imageRowHeight}
        columns={columns}
        initialSort={{ column: 'created', direction: 'descending' }}
        empty={loaded ? (items.length ? 'No image matches the filter.' : 'No images yet.') : 'Loading images…'}
      />
      {opening && <OpenArchiveDialog onClose={() => setOpening(false)} />}
      {dialog?.kind === 'pull' && <PullDialog onClose={close} />}
      {dialog?.kind === 'build' && <BuildDialog onClose={close} />}
      {dialog?.kind === 'load' && <LoadDialog onClose={close} />}
      {dialog?.kind === 'prune' && <PruneDialog onClose={close} />}
      {dialog?.kind === 'run' && <RunDialog image={dialog.image.repoTags[0] ?? dialog.image.id} onClose={close} />}
      {dialog?.kind === 'tag' && <TagDialog image={dialog.image} onClose={close} />}
      {dialog?.kind === 'push' && <PushDialog image={dialog.image} onClose={close} />}
      {dialog?.kind === 'save' && <SaveDialog initial={[dialog.image.repoTags[0] ?? dialog.image.id]} onClose={close} />}
      {/* One name for the image: its first tag, the one the export and the definition use (as the details view). */}
      {dialog?.kind === 'sif' && <ExportSifDialog image={dialog.image.id} label={dialog.image.repoTags[0] ?? shortId(dialog.image.id)} onClose={close} />}
      {dialog?.kind === 'definition' && <DefinitionDialog image={dialog.image.id} label={dialog.image.repoTags[0] ?? shortId(dialog.image.id)} onClose={close} />}
      {dialog?.kind === 'open-sif' && <OpenSifDialog onClose={close} />}
      {removing && <RemoveImageDialog image={removing} usedBy={usage.get(removing.id) ?? 0} onClose={() => setRemoving(null)} />}
    </section>
  );
}
