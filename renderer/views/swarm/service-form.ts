/**
 * The Create service dialog's fields as text, and their reading into `swarm.createService` arguments with one
 * message per invalid field (as the Run dialog's run-form.ts): the Run dialog's fields (image, command, name,
 * entrypoint, environment, ports, volumes, working directory, user, network, restart) with swarm's own (mode
 * and replicas, constraints, labels, limits, rolling-update settings). Pure (unit-tested); the parsers are
 * shared/run.ts's and shared/swarm-service-spec.ts's, so the dialog, the pasted line and the router agree.
 */
import { formatMount, parseEnv, parseImage, parseLines, parseMount, type Parsed } from '../../../shared/run';
import { shellJoin, shellWords } from '../../../shared/run-command';
import { formatServiceFile, parseServiceFile } from '../../../shared/service-files';
import {
  Constraint,
  emptyServiceArgs,
  formatCpus,
  formatDuration,
  formatMemory,
  formatServicePort,
  parseCpus,
  parseDuration,
  parseMemory,
  parseServicePort,
  readReplicas,
  SERVICE_NAME,
  ServiceCreateArgs,
  type UpdateSettings,
} from '../../../shared/swarm-service-spec';
import { parseLabels } from './data';

/** The rolling-update fields, shared by the Create and the Update image dialogs. */
export interface UpdateFields {
  parallelism: string;
  /** A Go duration: `0s`, `10s`, `1m30s`. */
  delay: string;
  failureAction: UpdateSettings['failureAction'];
  order: UpdateSettings['order'];
}

export interface ServiceForm extends UpdateFields {
  image: string;
  command: string;
  name: string;
  entrypoint: string;
  /** One `KEY=value` a line. */
  env: string;
  /** One `[published:]target[/proto]` (or `target=80,mode=host`) a line. */
  ports: string;
  /** One `source:/path[:ro]` a line (as the Run dialog): an absolute source binds, a name is a volume. */
  volumes: string;
  /** One `key=value` a line. */
  labels: string;
  workdir: string;
  user: string;
  network: string;
  restart: 'any' | 'on-failure' | 'none';
  maxAttempts: string;
  cpus: string;
  memory: string;
  mode: 'replicated' | 'global';
  replicas: string;
  /** One `key==value` / `key!=value` a line. */
  constraints: string;
  /** One `--secret` a line: `NAME` or `source=NAME,target=PATH,uid=0,gid=0,mode=0444`. */
  secrets: string;
  /** One `--config` a line, as secrets. */
  configs: string;
}

export type ServiceFormField = keyof ServiceForm;


/** The fields of rolling-update settings. */
export function updateFields(u: UpdateSettings): UpdateFields {
  return { parallelism: String(u.parallelism), delay: formatDuration(u.delayNs), failureAction: u.failureAction, order: u.order };
}

/** Read the rolling-update fields: the settings, or a message for each field that is not valid. */
export function readUpdateFields(f: UpdateFields): { update: UpdateSettings | null; errors: Partial<Record<keyof UpdateFields, string>> } {
  const errors: Partial<Record<keyof UpdateFields, string>> = {};
  const parallelism = f.parallelism.trim();
  if (!/^\d{1,5}$/.test(parallelism)) errors.parallelism = 'a number of tasks at once (0: all at once)';
  const delay = parseDuration(f.delay);
  if (!delay.ok) errors.delay = delay.error;
  if (Object.keys(errors).length || !delay.ok) return { update: null, errors };
  return { update: { parallelism: Number(parallelism), delayNs: delay.value, failureAction: f.failureAction, order: f.order }, errors };
}

/** The form that shows `a` (the dialog's start, or a pasted line). */
export function formFromArgs(a: ServiceCreateArgs): ServiceForm {
  return {
    image: a.image,
    command: a.command.length ? shellJoin(a.command) : '',
    name: a.name,
    entrypoint: a.entrypoint === undefined ? '' : shellJoin([a.entrypoint]),
    env: a.env.join('\n'),
    ports: a.ports.map(formatServicePort).join('\n'),
    volumes: a.mounts.map(formatMount).join('\n'),
    labels: Object.entries(a.labels).map(([k, v]) => (v ? `${k}=${v}` : k)).join('\n'),
    workdir: a.workdir ?? '',
    user: a.user ?? '',
    network: a.network ?? '',
    restart: a.restart.condition,
    maxAttempts: a.restart.maxAttempts === undefined ? '' : String(a.restart.maxAttempts),
    cpus: a.limits.nanoCpus === undefined ? '' : formatCpus(a.limits.nanoCpus),
    memory: a.limits.memoryBytes === undefined ? '' : formatMemory(a.limits.memoryBytes),
    mode: a.mode.kind,
    replicas: a.mode.kind === 'replicated' ? String(a.mode.replicas) : '1',
    constraints: a.constraints.join('\n'),
    secrets: a.secrets.map(formatServiceFile).join('\n'),
    configs: a.configs.map(formatServiceFile).join('\n'),
    ...updateFields(a.update),
  };
}

/** The form of a new service: one replica, the CLI's defaults. */
export const emptyServiceForm = (image = ''): ServiceForm => formFromArgs(emptyServiceArgs(image));

/** Read the form: the arguments when every field is valid, and a message for each field that is not. */
export function readServiceForm(f: ServiceForm): { args: ServiceCreateArgs | null; errors: Partial<Record<ServiceFormField, string>> } {
  const errors: Partial<Record<ServiceFormField, string>> = {};
  const field = <T>(name: ServiceFormField, text: string, parse: (t: string) => Parsed<T>): T | undefined => {
    if (!text.trim()) return undefined;
    const r = parse(text);
    if (r.ok) return r.value;
    errors[name] = r.error;
    return undefined;
  };
  const collect = <T>(name: ServiceFormField, text: string, parse: (t: string) => Parsed<T>): T[] => {
    const r = parseLines(text, (l) => parse(l.trim()));
    if (r.error) errors[name] ??= r.error;
    return r.values;
  };
  const image = parseImage(f.image);
  if (!image.ok) errors.image = image.error;
  const name = f.name.trim();
  if (!name) errors.name = 'give the service a name';
  else if (!SERVICE_NAME.test(name) || name.length > 63) errors.name = 'letters and digits, with - or _ between them, 63 characters at most';
  const words = (what: ServiceFormField, text: string): string[] => {
    try {
      return shellWords(text);
    } catch (err) {
      errors[what] = (err as Error).message.replace('docker run', 'docker service create');
      return [];
    }
  };
  const command = words('command', f.command);
  const entry = words('entrypoint', f.entrypoint);
  if (entry.length > 1) errors.entrypoint = 'one executable only (as --entrypoint); put its arguments in Command';
  const labels = parseLabels(f.labels);
  if ('error' in labels) errors.labels = labels.error;
  const constraints = collect('constraints', f.constraints, (t) => (Constraint.safeParse(t).success ? { ok: true, value: t } : { ok: false, error: `"${t}" is not key==value or key!=value (e.g. node.role==worker)` }));
  const replicas = readReplicas(f.replicas);
  if (f.mode === 'replicated' && !replicas.ok) errors.replicas = replicas.error;
  const maxAttempts = f.maxAttempts.trim();
  if (maxAttempts && !/^\d{1,7}$/.test(maxAttempts)) errors.maxAttempts = 'a number of restarts (empty: no limit)';
  const { update, errors: updateErrors } = readUpdateFields(f);
  Object.assign(errors, updateErrors);
  const a: ServiceCreateArgs = {
    name,
    image: image.ok ? image.value : '',
    command,
    ...(entry[0] ? { entrypoint: entry[0] } : {}),
    env: collect('env', f.env, parseEnv),
    ports: collect('ports', f.ports, parseServicePort),
    mounts: collect('volumes', f.volumes, parseMount),
    labels: 'error' in labels ? {} : labels,
    ...(f.workdir.trim() ? { workdir: f.workdir.trim() } : {}),
    ...(f.user.trim() ? { user: f.user.trim() } : {}),
    ...(f.network.trim() ? { network: f.network.trim() } : {}),
    restart: { condition: f.restart, ...(maxAttempts && !errors.maxAttempts ? { maxAttempts: Number(maxAttempts) } : {}) },
    limits: {},
    mode: f.mode === 'global' ? { kind: 'global' } : { kind: 'replicated', replicas: replicas.ok ? replicas.value : 0 },
    constraints,
    update: update ?? { parallelism: 1, delayNs: 0, failureAction: 'pause', order: 'stop-first' },
    secrets: collect('secrets', f.secrets, (t) => parseServiceFile('secret', t)),
    configs: collect('configs', f.configs, (t) => parseServiceFile('config', t)),
  };
  const cpus = field('cpus', f.cpus, parseCpus);
  if (cpus !== undefined) a.limits.nanoCpus = cpus;
  const memory = field('memory', f.memory, parseMemory);
  if (memory !== undefined) a.limits.memoryBytes = memory;
  if (Object.keys(errors).length) return { args: null, errors };
  const checked = ServiceCreateArgs.safeParse(a);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      const at = String(issue.path[0] ?? 'image');
      const key: ServiceFormField = at === 'mounts' ? 'volumes' : at === 'limits' ? (issue.path[1] === 'memoryBytes' ? 'memory' : 'cpus') : at === 'mode' ? 'replicas' : at === 'restart' ? 'maxAttempts' : ((at in f ? at : 'image') as ServiceFormField);
      errors[key] ??= issue.message;
    }
    return { args: null, errors };
  }
  return { args: checked.data, errors };
}
