/**
 * "Export as SIF…": write an image as a Singularity/Apptainer SIF file (a task with progress, cancel and a
 * notice when done). The path is on the machine Berth's Node side runs on; an existing file is replaced
 * only when asked. No image is changed and no container is started.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { PathField } from '../../components/PathField';
import { TaskDialog } from '../images/TaskDialog';

/** A file name for the SIF of `label` (`ns/app:1.0` → `app_1.0.sif`). */
export function sifFileName(label: string): string {
  const last = label.split('/').pop() ?? label;
  return `${last.replace(/[^A-Za-z0-9._-]+/g, '_') || 'image'}.sif`;
}

export function ExportSifDialog({ image, label, onClose }: { image: string; label: string; onClose(): void }) {
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const error = path && !path.startsWith('/') ? `Give an absolute path, e.g. /home/me/${sifFileName(label)}` : null;
  return (
    <TaskDialog
      title={`Export ${label} as SIF`}
      submitLabel="Export"
      canSubmit={path.startsWith('/')}
      error={error}
      start={() => client().call('images.exportSif', { image, path, overwrite })}
      onClose={onClose}
    >
      <p className="muted">
        A single SIF file for Singularity/Apptainer on an HPC cluster: the image's layers flattened into a squashfs partition, with its ENV, ENTRYPOINT/CMD
        (the runscript) and labels, as <code>apptainer build x.sif docker-daemon://{label}</code> would make it.
      </p>
      <PathField kind="save" label="SIF file" value={path} onChange={setPath} autoFocus placeholder={`/home/me/${sifFileName(label)}`} invalid={!!error} />
      <label className="check">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Replace the file if it exists
      </label>
    </TaskDialog>
  );
}
