/**
 * Confirm `docker rmi`, saying exactly what goes: for an image with several tags, either one tag (untag, as
 * `docker rmi REPO:TAG`) or the image with all its tags; force only when the person asks for it (containers
 * use the image). A refusal is shown inside this dialog, which stays open.
 */
import { useId, useState } from 'react';
import type { ImageSummary } from '../../../shared/model';
import { client } from '../../client/client';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { shortId } from '../../format';
import { useNotices } from '../../stores/notices';

/** What the dialog removes: one tag (`untag`), or the whole image (`image`). */
type Choice = { kind: 'untag'; tag: string } | { kind: 'image' };

export function RemoveImageDialog({ image, usedBy, onClose }: { image: ImageSummary; usedBy: number; onClose(): void }) {
  const tags = image.repoTags;
  const [choice, setChoice] = useState<Choice>(tags.length > 1 ? { kind: 'untag', tag: tags[0] } : { kind: 'image' });
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const group = useId();
  const name = tags[0] ?? shortId(image.id);

  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      if (choice.kind === 'untag') {
        await client().call('images.remove', { id: choice.tag, force: false });
        useNotices.getState().push('info', `Untagged ${choice.tag}`);
      } else {
        await client().call('images.remove', { id: image.id, force, allTags: true });
        useNotices.getState().push('info', `Removed image ${shortId(image.id)}${tags.length ? ` (${tags.join(', ')})` : ''}`);
      }
      onClose();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setBusy(false);
    }
  };

  const title = tags.length > 1 ? `Remove ${name} or the whole image?` : `Remove image ${name}?`;
  const label = choice.kind === 'untag' ? 'Untag' : 'Remove';
  return (
    <ConfirmDialog title={title} confirmLabel={label} busy={busy} error={error} onConfirm={() => void confirm()} onCancel={onClose}>
      {tags.length > 1 ? (
        <fieldset className="choices">
          <legend>Image {shortId(image.id)} has {tags.length} tags</legend>
          {tags.map((t) => (
            <label key={t} className="check">
              <input type="radio" name={group} checked={choice.kind === 'untag' && choice.tag === t} onChange={() => setChoice({ kind: 'untag', tag: t })} />
              Untag {t} <small className="muted">(the image and its other tags stay)</small>
            </label>
          ))}
          <label className="check">
            <input type="radio" name={group} checked={choice.kind === 'image'} onChange={() => setChoice({ kind: 'image' })} />
            Remove the image (all {tags.length} tags)
          </label>
        </fieldset>
      ) : (
        <p>Image {shortId(image.id)}{tags.length ? `, tagged ${tags[0]},` : ''} is deleted from the engine.</p>
      )}
      {choice.kind === 'image' && usedBy > 0 && (
        <>
          <p className="warn">
            {usedBy === 1 ? '1 container uses' : `${usedBy} containers use`} this image: Berth refuses unless forced, and the engine never removes an image a running container uses.
          </p>
          <label className="check">
            <input type="checkbox" checked={force} onChange={(e) => setForce(e.target.checked)} />
            Force (as docker rmi -f)
          </label>
        </>
      )}
    </ConfirmDialog>
  );
}
