/**
 * Download a whole log to a file (on the Node side's disk; typed in serve mode): a container's
 * (`logs.save`) or a stack's (`stacks.saveLogs`), whichever `save` calls.
 */
import { useState } from 'react';
import { FormDialog } from '../../components/FormDialog';
import { PathField } from '../../components/PathField';
import { useNotices } from '../../stores/notices';

interface Props {
  /** Whose log, as the title says it: `web-1`, `stack shop`. */
  name: string;
  /** Write the file; answers the lines written. */
  save(o: { path: string; timestamps: boolean; overwrite: boolean }): Promise<{ lines: number; warning?: string }>;
  onClose(): void;
}

export function SaveLogDialog({ name, save, onClose }: Props) {
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
        const r = await save({ path, timestamps, overwrite });
        if (r.warning) useNotices.getState().push('error', `Saved ${r.lines.toLocaleString()} lines of ${name} to ${path}, not all of it: the engine said ${r.warning}`);
        else useNotices.getState().push('info', `Saved ${r.lines.toLocaleString()} lines of ${name} to ${path}`);
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
