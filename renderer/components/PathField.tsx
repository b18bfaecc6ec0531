/**
 * A path on the machine Berth's Node side runs on: typed (serve mode: the server's disk), or, in Electron,
 * also chosen with the native open/save/folder dialog ("Choose…").
 */
import { client, hasNativeDialogs } from '../client/client';
import { reportError } from '../stores/notices';
import { Field } from './FormDialog';

interface Props {
  label: string;
  value: string;
  onChange(v: string): void;
  /** Which native dialog "Choose…" opens. */
  kind: 'open' | 'save' | 'folder';
  placeholder?: string;
  hint?: string;
  autoFocus?: boolean;
  invalid?: boolean;
}

export function PathField({ kind, ...field }: Props) {
  const choose = async () => {
    try {
      const { path } = await client().call('host.choosePath', { kind, title: field.label, ...(field.value ? { defaultPath: field.value } : {}) });
      if (path) field.onChange(path);
    } catch (e) {
      reportError('open the file dialog', e);
    }
  };
  if (!hasNativeDialogs()) return <Field {...field} />;
  return (
    <div className="path-field">
      <Field {...field} />
      <button type="button" onClick={() => void choose()} aria-label={`Choose ${field.label.toLowerCase()}`}>
        Choose…
      </button>
    </div>
  );
}
