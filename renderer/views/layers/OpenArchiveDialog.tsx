/**
 * Open an image archive from disk for layer inspection (`docker save` output, an OCI layout tar). In serve
 * mode the path is on the server's disk. An archive with several images (`docker save a b c`) lists them
 * as a radio group (tags, or the ID when untagged, with layer count and size) and the person picks one.
 */
import { useState } from 'react';
import type { ArchiveImage } from '../../../shared/layers';
import { client } from '../../client/client';
import { FormDialog } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { formatBytes, shortId } from '../../format';

/** An archive image's label: its tags (or ID when untagged), layers and stored size. */
export function archiveImageLabel(i: ArchiveImage): string {
  const name = i.repoTags.length ? i.repoTags.join(', ') : `${i.id ? shortId(i.id) : `image ${i.index + 1}`} (untagged)`;
  return `${name}: ${i.layers} layer${i.layers === 1 ? '' : 's'}, ${formatBytes(i.size)}`;
}

export function OpenArchiveDialog({ onClose }: { onClose(): void }) {
  const [path, setPath] = useState('');
  // The images of the archive at `listed`, once it turned out to hold several.
  const [listed, setListed] = useState<{ path: string; images: ArchiveImage[] } | null>(null);
  const [pick, setPick] = useState(0);
  const invalid = path !== '' && !path.startsWith('/');
  const choosing = listed !== null && listed.path === path;
  const go = (subject: string) => {
    window.location.hash = `#/layers/${encodeURIComponent(subject)}`;
    onClose();
  };
  return (
    <FormDialog
      title="Inspect an image archive"
      submitLabel={choosing ? 'Inspect' : 'Open'}
      canSubmit={!!path && !invalid}
      error={invalid ? 'Give an absolute path, e.g. /home/me/image.tar' : null}
      onClose={onClose}
      onSubmit={async () => {
        if (choosing) return go((await client().call('layers.openArchive', { path, image: pick })).subject);
        const { subject, images } = await client().call('layers.openArchive', { path });
        if (images.length <= 1) return go(subject);
        setListed({ path, images });
        setPick(0);
      }}
    >
      <p className="muted">A file written by docker save or podman save, or an OCI layout tar, on the machine Berth runs on.</p>
      <PathField kind="open" label="Archive path" value={path} onChange={setPath} autoFocus placeholder="/path/to/image.tar" invalid={invalid} />
      {choosing && (
        <div role="radiogroup" aria-label="Images in the archive" className="archive-images">
          <p className="muted">This archive holds {listed.images.length} images: choose one to inspect.</p>
          {listed.images.map((i) => (
            <label key={i.index} className="check">
              <input type="radio" name="archive-image" checked={pick === i.index} onChange={() => setPick(i.index)} />
              {archiveImageLabel(i)}
            </label>
          ))}
        </div>
      )}
    </FormDialog>
  );
}
