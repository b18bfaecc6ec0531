/**
 * The Create service dialog's Secrets and Configs fields (`docker service create --secret` / `--config`): one
 * reference a line, `NAME` or the CLI's long form `source=NAME,target=/path,uid=0,gid=0,mode=0440`, and under
 * each a list of the swarm's existing secrets (configs) by name, which adds the chosen one as a line. Names
 * only: the lists (`swarm.secrets`, `swarm.configs`) never carry data.
 */
import { Row } from '../containers/RunDialog';
import { useSwarmList } from './useSwarmList';

type Kind = 'secret' | 'config';

/** One kind's field: the textarea, its message, and the "Add an existing …" list (absent when the swarm has none). */
function FilesField(props: { kind: Kind; value: string; error?: string; onChange(v: string): void }) {
  const list = useSwarmList(props.kind === 'secret' ? 'swarm.secrets' : 'swarm.configs');
  const label = props.kind === 'secret' ? 'Secrets' : 'Configs';
  const where = props.kind === 'secret' ? '/run/secrets/NAME' : '/NAME';
  const add = (name: string) => {
    if (!name) return;
    const lines = props.value.split('\n').filter((l) => l.trim());
    props.onChange([...lines, name].join('\n'));
  };
  return (
    <div>
      <Row label={label} error={props.error} hint="NAME, or source=NAME,target=/path,mode=0400">
        {({ id, describedBy }) => (
          <textarea id={id} rows={2} value={props.value} placeholder={`one per line; NAME: file ${where}`} aria-invalid={!!props.error || undefined} aria-describedby={describedBy} spellCheck={false} onChange={(e) => props.onChange(e.target.value)} />
        )}
      </Row>
      {list.items.length > 0 && (
        <select aria-label={`Add an existing ${props.kind}`} value="" onChange={(e) => add(e.target.value)}>
          <option value="">Add an existing {props.kind}…</option>
          {list.items.map((o) => (
            <option key={o.id} value={o.name}>
              {o.name}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}

/** The Secrets and Configs fields side by side; `errors` are shown as given (the dialog decides when). */
export function ServiceFilesFields(props: { secrets: string; configs: string; errors: { secrets?: string; configs?: string }; onChange(field: 'secrets' | 'configs', v: string): void }) {
  return (
    <div className="grid-2">
      <FilesField kind="secret" value={props.secrets} error={props.errors.secrets} onChange={(v) => props.onChange('secrets', v)} />
      <FilesField kind="config" value={props.configs} error={props.errors.configs} onChange={(v) => props.onChange('configs', v)} />
    </div>
  );
}
