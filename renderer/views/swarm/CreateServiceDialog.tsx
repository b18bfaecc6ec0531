/**
 * `docker service create` as a dialog (issue #16), built as the Run dialog is: its fields (image, command, name,
 * entrypoint, environment, ports, volumes, working directory, user, network, restart) checked as typed, plus swarm's
 * own (mode and replicas, constraints, labels, CPU and memory limits, secrets and configs, rolling-update settings); the equivalent
 * `docker service create` line live with "Copy as docker service create", and a pasted line filling the form
 * (problems listed, never dropped). The engine's refusal is shown in the dialog, which keeps every value.
 */
import { useMemo, useState } from 'react';
import { fromDockerServiceCreate, toDockerServiceCreate } from '../../../shared/service-command';
import { client } from '../../client/client';
import { FormDialog } from '../../components/FormDialog';
import { useNotices } from '../../stores/notices';
import { PastedCommand, Row } from '../containers/RunDialog';
import { emptyServiceForm, formFromArgs, readServiceForm, type ServiceForm, type ServiceFormField } from './service-form';
import { ServiceFilesFields } from './ServiceFilesFields';
import { UpdateSettingsFields } from './UpdateSettingsFields';
import { watchConvergence } from './convergence';

const ALL_TOUCHED = Object.fromEntries(Object.keys(emptyServiceForm()).map((k) => [k, true])) as Record<ServiceFormField, boolean>;

export function CreateServiceDialog({ onClose }: { onClose(): void }) {
  const [form, setForm] = useState<ServiceForm>(() => emptyServiceForm());
  const [touched, setTouched] = useState<Partial<Record<ServiceFormField, boolean>>>({});
  const [pasted, setPasted] = useState('');
  const [problems, setProblems] = useState<string[]>([]);
  const [copied, setCopied] = useState(false);
  const { args, errors } = useMemo(() => readServiceForm(form), [form]);
  const command = args ? toDockerServiceCreate(args) : '';

  const set = <K extends ServiceFormField>(field: K, value: ServiceForm[K]) => {
    setForm((f) => ({ ...f, [field]: value }));
    setTouched((t) => ({ ...t, [field]: true }));
    setCopied(false);
  };
  const shown = (field: ServiceFormField) => (touched[field] ? errors[field] : undefined);
  const control = (field: ServiceFormField, label: string, placeholder: string, o: { hint?: string; multiline?: boolean } = {}) => (
    <Row label={label} error={shown(field)} hint={o.hint}>
      {({ id, describedBy }) => {
        const common = { id, value: form[field], placeholder, 'aria-invalid': !!shown(field) || undefined, 'aria-describedby': describedBy, spellCheck: false };
        return o.multiline ? <textarea {...common} rows={2} onChange={(e) => set(field, e.target.value)} /> : <input {...common} onChange={(e) => set(field, e.target.value)} autoComplete="off" autoFocus={field === 'image'} />;
      }}
    </Row>
  );
  const text = (field: ServiceFormField, label: string, placeholder: string, hint?: string) => control(field, label, placeholder, { hint });
  const area = (field: ServiceFormField, label: string, placeholder: string) => control(field, label, placeholder, { multiline: true });
  const select = <K extends 'restart' | 'mode'>(field: K, label: string, options: ServiceForm[K][]) => (
    <Row label={label} error={shown(field)}>
      {({ id, describedBy }) => (
        <select id={id} value={form[field]} onChange={(e) => set(field, e.target.value as ServiceForm[K])} aria-describedby={describedBy}>
          {options.map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      )}
    </Row>
  );

  const fill = (line: string) => {
    setPasted(line);
    if (!line.trim()) return setProblems([]);
    const r = fromDockerServiceCreate(line);
    setForm(formFromArgs(r.args));
    setTouched(ALL_TOUCHED);
    setProblems(r.problems);
  };

  const submit = async () => {
    if (!args) {
      setTouched(ALL_TOUCHED);
      throw new Error('Fix the fields marked above first.');
    }
    const made = await client().call('swarm.createService', args);
    useNotices.getState().push('info', `Created service ${args.name}: starting its tasks${made.warnings.length ? ` (the engine warns: ${made.warnings.join('; ')})` : ''}`);
    watchConvergence(args.name);
    onClose();
  };

  return (
    <FormDialog title="Create a service" submitLabel="Create" canSubmit={!!args} onSubmit={submit} onClose={onClose} wide>
      <PastedCommand label="Paste a docker service create line" placeholder="docker service create --name web --replicas 3 nginx:1.25" value={pasted} onChange={fill} problems={problems} />
      <div className="grid-2">
        {text('image', 'Image', 'nginx:1.25')}
        {text('command', 'Command', "the image's own", 'Shell words: quotes work as in a terminal')}
        {text('name', 'Name', 'web')}
        {text('entrypoint', 'Entrypoint', "the image's own")}
      </div>
      <div className="grid-3">
        {select('mode', 'Mode', ['replicated', 'global'])}
        {form.mode === 'replicated' ? text('replicas', 'Replicas', '1') : <p className="muted">One task on every node that may take it.</p>}
        {area('constraints', 'Constraints', 'node.role==worker — one per line')}
      </div>
      <div className="grid-3">
        {area('env', 'Environment', 'KEY=value, one per line')}
        {area('ports', 'Ports', '8080:80, 53/udp — one per line')}
        {area('volumes', 'Volumes', '/srv:/data, cache:/c:ro — one per line')}
      </div>
      <ServiceFilesFields secrets={form.secrets} configs={form.configs} errors={{ secrets: shown('secrets'), configs: shown('configs') }} onChange={set} />
      <div className="grid-3">
        {area('labels', 'Labels', 'key=value, one per line')}
        {text('workdir', 'Working directory', "the image's own")}
        {text('user', 'User', 'uid[:gid] or name')}
        {text('network', 'Network', 'an overlay network')}
        {select('restart', 'Restart condition', ['any', 'on-failure', 'none'])}
        {form.restart !== 'none' && text('maxAttempts', 'Maximum restarts', 'unlimited')}
        {text('cpus', 'CPU limit', 'e.g. 0.5')}
        {text('memory', 'Memory limit', 'e.g. 64m')}
      </div>
      <fieldset>
        <legend>Rolling updates</legend>
        <UpdateSettingsFields value={form} errors={{ parallelism: shown('parallelism'), delay: shown('delay') }} onChange={(k, v) => set(k, v as ServiceForm[typeof k])} />
      </fieldset>
      <Row label="Equivalent docker service create" hint={args ? undefined : 'appears once every field is valid'}>
        {({ id, describedBy }) => <input id={id} readOnly value={command} aria-describedby={describedBy} className="mono" />}
      </Row>
      <div>
        <button type="button" disabled={!args} onClick={() => void navigator.clipboard?.writeText(command).then(() => setCopied(true), () => setCopied(false))}>
          Copy as docker service create
        </button>
        {copied && <span className="muted"> copied</span>}
      </div>
    </FormDialog>
  );
}
