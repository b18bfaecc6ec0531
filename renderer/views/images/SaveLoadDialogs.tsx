/**
 * Save images to a tar file (`docker save`) and load one (`docker load`). Paths are on the machine Berth's
 * Node side runs on (in serve mode: the server), typed in; an existing file is only replaced when asked.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { Field } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { TaskDialog } from './TaskDialog';

const absolute = (p: string) => p.startsWith('/');

export function SaveDialog({ initial, onClose }: { initial: string[]; onClose(): void }) {
  const [images, setImages] = useState(initial.join(' '));
  const [path, setPath] = useState('');
  const [overwrite, setOverwrite] = useState(false);
  const list = images.split(/\s+/).filter(Boolean);
  const error = path && !absolute(path) ? 'Give an absolute path, e.g. /home/me/images.tar' : null;
  return (
    <TaskDialog
      title="Save images to a file"
      submitLabel="Save"
      canSubmit={list.length > 0 && absolute(path)}
      error={error}
      start={() => client().call('images.save', { images: list, path, overwrite })}
      onClose={onClose}
    >
      <Field label="Images" value={images} onChange={setImages} hint="References or IDs, separated by spaces; shared layers are written once." />
      <PathField kind="save" label="File" value={path} onChange={setPath} autoFocus placeholder="/home/me/images.tar" invalid={!!error} />
      <label className="check">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} /> Replace the file if it exists
      </label>
    </TaskDialog>
  );
}

export function LoadDialog({ onClose }: { onClose(): void }) {
  const [path, setPath] = useState('');
  const error = path && !absolute(path) ? 'Give an absolute path, e.g. /home/me/images.tar' : null;
  return (
    <TaskDialog title="Load images from a file" submitLabel="Load" canSubmit={absolute(path)} error={error} start={() => client().call('images.load', { path })} onClose={onClose}>
      <p className="muted">A tar written by docker save or podman save.</p>
      <PathField kind="open" label="File" value={path} onChange={setPath} autoFocus placeholder="/home/me/images.tar" invalid={!!error} />
    </TaskDialog>
  );
}
