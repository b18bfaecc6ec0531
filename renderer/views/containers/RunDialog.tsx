/**
 * `docker run` as a dialog: every field checked as typed (the CLI's own syntax, shared/run.ts), the
 * equivalent `docker run` line live with "Copy as docker run", and a pasted `docker run …` line filling the
 * form (problems listed, never dropped). With -it the new container's terminal opens; without -it or -d
 * its output streams into a read-only terminal (kept with the exit code after the container is gone);
 * with -d its logs. An image that is not on the engine is pulled first as `--pull` says (pull-first.ts),
 * the pull's progress shown here and its failure too.
 */
import { useId, useMemo, useState, type ReactNode } from 'react';
import { fromDockerRun, toDockerRun } from '../../../shared/run-command';
import { client } from '../../client/client';
import { FormDialog } from '../../components/FormDialog';
import { useNotices } from '../../stores/notices';
import { useSessions } from '../../stores/sessions';
import { useTasks } from '../../stores/tasks';
import { TaskCard } from '../tasks/TaskCard';
import { needsPull, pullFirst } from './pull-first';
import { initialSize } from '../terminals/size';
import { emptyForm, formFromSpec, readForm, type RunForm, type RunFormField } from './run-form';

/** A labelled field with its message (error or hint) tied by aria-describedby: the Run dialog's, reused by the Create service dialog. */
export function Row(props: { label: string; error?: string; hint?: string; children: (ids: { id: string; describedBy?: string }) => ReactNode }) {
  const id = useId();
  const noteId = useId();
  const note = props.error ?? props.hint;
  return (
    <div className="field">
      <label htmlFor={id}>{props.label}</label>
      {props.children({ id, describedBy: note ? noteId : undefined })}
      {note && (
        <small id={noteId} className={props.error ? 'error-text' : 'muted'}>
          {note}
        </small>
      )}
    </div>
  );
}

/**
 * A field taking a pasted command line (`docker run …`, `docker service create …`) that fills the form, and the
 * problems found in it as an alert list. Used by the Run and Create service dialogs.
 */
export function PastedCommand(props: { label: string; placeholder: string; value: string; onChange(v: string): void; problems: string[] }) {
  return (
    <>
      <Row label={props.label} hint="The form fills itself from it.">
        {({ id, describedBy }) => (
          <input id={id} value={props.value} onChange={(e) => props.onChange(e.target.value)} placeholder={props.placeholder} aria-describedby={describedBy} spellCheck={false} autoComplete="off" />
        )}
      </Row>
      {props.problems.length > 0 && (
        <ul role="alert" aria-label="Problems in the pasted line" className="error-text problems">
          {props.problems.map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export function RunDialog({ image = '', onClose }: { image?: string; onClose(): void }) {
  const [form, setForm] = useState<RunForm>(() => emptyForm(image));
  const [touched, setTouched] = useState<Partial<Record<RunFormField, boolean>>>({});
  const [pasted, setPasted] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [copied, setCopied] = useState(false);
  const [pullTask, setPullTask] = useState<string | null>(null);
  const pulling = useTasks((s) => (pullTask ? s.tasks[pullTask] : undefined));
  const { spec, errors } = useMemo(() => readForm(form), [form]);
  const command = spec ? toDockerRun(spec) : '';

  const set = <K extends RunFormField>(field: K, value: RunForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((t) => ({ ...t, [field]: true }));
    setCopied(false);
  };
  /** Messages show once a field was edited, or for every field after a paste or a submit attempt. */
  const shown = (field: RunFormField) => (touched[field] ? errors[field] : undefined);

  /** A labelled control for one form field: a text input, or a textarea for one-entry-per-line fields. */
  const control = (field: RunFormField, label: string, placeholder: string, o: { hint?: string; multiline?: boolean } = {}) => (
    <Row label={label} error={shown(field)} hint={o.hint}>
      {({ id, describedBy }) => {
        const common = {
          id,
          value: form[field] as string,
          placeholder,
          'aria-invalid': !!shown(field) || undefined,
          'aria-describedby': describedBy,
          spellCheck: false,
        };
        return o.multiline ? (
          <textarea {...common} rows={2} onChange={(e) => set(field, e.target.value)} />
        ) : (
          <input {...common} onChange={(e) => set(field, e.target.value)} autoComplete="off" autoFocus={field === 'image' && !image} />
        );
      }}
    </Row>
  );
  const text = (field: RunFormField, label: string, placeholder: string, hint?: string) => control(field, label, placeholder, { hint });
  const area = (field: RunFormField, label: string, placeholder: string) => control(field, label, placeholder, { multiline: true });

  const fill = (line: string) => {
    setPasted(line);
    if (!line.trim()) return setProblems([]);
    const r = fromDockerRun(line);
    setForm(formFromSpec(r.spec));
    setTouched(Object.fromEntries(Object.keys(emptyForm()).map((k) => [k, true])));
    setProblems(r.problems);
  };

  const submit = async () => {
    if (!spec) {
      setTouched(Object.fromEntries(Object.keys(emptyForm()).map((k) => [k, true])));
      throw new Error('Fix the fields marked above first.');
    }
    setPullTask(null);
    if (await needsPull(spec.image, spec.pull)) await pullFirst(spec.image, setPullTask);
    const attached = (spec.interactive && !spec.detach) || (!spec.interactive && spec.attach);
    const result = await client().call('containers.run', attached ? { ...spec, terminal: initialSize() } : spec);
    if (result.session) {
      useSessions.getState().apply({ session: result.session });
      useSessions.getState().setActive(result.session.id);
      window.location.hash = '#/terminals';
    } else {
      useNotices.getState().push('info', `Started ${result.name}`);
      window.location.hash = `#/container/${encodeURIComponent(result.id)}/logs`;
    }
    onClose();
  };

  return (
    <FormDialog title="Run a container" submitLabel="Run" canSubmit={!!spec} onSubmit={submit} onClose={onClose} wide>
      <PastedCommand label="Paste a docker run line" placeholder="docker run -it --rm busybox sh" value={pasted} onChange={fill} problems={problems} />
      <div className="grid-2">
        {text('image', 'Image', 'busybox:1.36')}
        {text('command', 'Command', 'sh', 'Shell words: quotes work as in a terminal')}
        {text('name', 'Name', 'optional')}
        {text('entrypoint', 'Entrypoint', "the image's own")}
      </div>
      <div className="checks">
        <label className="check">
          <input type="checkbox" checked={form.interactive} onChange={(e) => set('interactive', e.target.checked)} />
          Interactive (-it)
        </label>
        <label
          className="check"
          title={
            form.interactive
              ? 'Start with a terminal (TTY and stdin open) but do not open it now: Attach opens it later'
              : 'Run in the background and follow its log; unchecked, its output shows in a read-only terminal as it runs'
          }
        >
          <input type="checkbox" checked={form.detach} onChange={(e) => set('detach', e.target.checked)} />
          Detached (-d)
        </label>
        <label className="check">
          <input type="checkbox" checked={form.autoRemove} onChange={(e) => set('autoRemove', e.target.checked)} />
          Remove when stopped (--rm)
        </label>
      </div>
      <div className="grid-3">
        {area('env', 'Environment', 'KEY=value, one per line')}
        {area('ports', 'Ports', '8080:80, 127.0.0.1:53:53/udp — one per line')}
        {area('volumes', 'Volumes', '/host/dir:/data, volume:/cache:ro — one per line')}
      </div>
      <div className="grid-3">
        {text('workdir', 'Working directory', "the image's own")}
        {text('user', 'User', 'uid[:gid] or name')}
        {text('network', 'Network', 'default')}
        <Row label="Restart policy" error={shown('restart')}>
          {({ id, describedBy }) => (
            <select id={id} value={form.restart} onChange={(e) => set('restart', e.target.value)} aria-describedby={describedBy} aria-invalid={!!shown('restart') || undefined}>
              <option value="no">no</option>
              <option value="always">always</option>
              <option value="unless-stopped">unless-stopped</option>
              <option value="on-failure">on-failure</option>
            </select>
          )}
        </Row>
        {form.restart === 'on-failure' && text('maxRetries', 'Maximum retries', 'unlimited')}
        <Row label="Pull policy (--pull)" hint="missing: pull when not on the engine, as docker run">
          {({ id, describedBy }) => (
            <select id={id} value={form.pull} onChange={(e) => set('pull', e.target.value)} aria-describedby={describedBy}>
              <option value="missing">missing</option>
              <option value="always">always</option>
              <option value="never">never</option>
            </select>
          )}
        </Row>
      </div>
      <Row label="Equivalent docker run" hint={spec ? undefined : 'appears once every field is valid'}>
        {({ id, describedBy }) => <input id={id} readOnly value={command} aria-describedby={describedBy} className="mono" />}
      </Row>
      <div>
        <button
          type="button"
          disabled={!spec}
          onClick={() => {
            void navigator.clipboard?.writeText(command).then(() => setCopied(true), () => setCopied(false));
          }}
        >
          Copy as docker run
        </button>
        {copied && <span className="muted"> copied</span>}
      </div>
      {pulling && <TaskCard entry={pulling} showLog={false} />}
    </FormDialog>
  );
}
