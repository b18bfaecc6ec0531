/** Download a container's whole log to a file (on the Node side's disk; typed in serve mode). */
import { useState } from 'react';
import { client } from '../../client/client';
import { FormDialog } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { useNotices } from '../../stores/notices';

export function SaveLogDialog({ container, name, onClose }: { container: string; name: string; onClose(): void }) {
  const [path, setPath] = useState('');
  const [timestamps, setTimestamps] = useState(true);
  const [overwrite, setOverwrite] = useState(false);
  const valid = path.startsWith('/');
  return (
    <FormDialog
      title={`Download the log of ${name}`}
      submitLabel="Save"
      canSubmit={valid}
      error={path && !valid ? 'Give an absolute path, e.g. /home/me/app.log' : null}
      onClose={onClose}
      onSubmit={async () => {
        const r = await client().call('logs.save', { container, path, timestamps, overwrite });
        useNotices.getState().push('info', `Saved ${r.lines.toLocaleString()} lines of ${name} to ${path}`);
        onClose();
      }}
    >
      <PathField kind="save" label="File" value={path} onChange={setPath} autoFocus placeholder="/home/me/container.log" />
      <label className="check">
        <input type="checkbox" checked={timestamps} onChange={(e) => setTimestamps(e.target.checked)} />
        With timestamps
      </label>
      <label className="check">
        <input type="checkbox" checked={overwrite} onChange={(e) => setOverwrite(e.target.checked)} />
        Overwrite an existing file
      </label>
    </FormDialog>
  );
}
