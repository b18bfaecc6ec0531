/**
 * The Run dialog's fields as text, and their reading into a RunSpec with one message per invalid field.
 * Pure (unit-tested); the parsers are shared/run.ts's, so the dialog and the router agree.
 */
import { emptyRunSpec, formatMount, formatPort, formatRestart, parseEnv, parseImage, parseMount, parsePort, parseRestart, parseLines, CONTAINER_NAME, PullPolicy, RunSpec, type Parsed } from '../../../shared/run';
import { shellJoin, shellWords } from '../../../shared/run-command';

export interface RunForm {
  image: string;
  command: string;
  name: string;
  interactive: boolean;
  /**
   * `-d`. With `interactive`: `-dit` (start with a TTY, attach later). Without: detached, its log followed;
   * unchecked, the CLI's foreground run (output attached into a read-only terminal).
   */
  detach: boolean;
  /** `--pull`: `missing`, `always` or `never`. */
  pull: string;
  autoRemove: boolean;
  /** One `KEY=value` per line. */
  env: string;
  /** One `[ip:][hostPort:]containerPort[/proto]` per line. */
  ports: string;
  /** One `source:/path[:ro]` per line. */
  volumes: string;
  workdir: string;
  user: string;
  /** `no`, `always`, `unless-stopped`, `on-failure`. */
  restart: string;
  /** For on-failure; empty for unlimited. */
  maxRetries: string;
  network: string;
  /** Empty: the image's own. A single space-free word, or `""` to clear it. */
  entrypoint: string;
}

export type RunFormField = keyof RunForm;

/** The form of emptyRunSpec (shared/run.ts): `docker run`'s defaults, `-it` on, no `--rm`. */
export function emptyForm(image = ''): RunForm {
  return formFromSpec(emptyRunSpec(image));
}


/** Read the form: the spec when every field is valid, and a message for each field that is not. */
export function readForm(f: RunForm): { spec: RunSpec | null; errors: Partial<Record<RunFormField, string>> } {
  const errors: Partial<Record<RunFormField, string>> = {};
  const image = parseImage(f.image);
  if (!image.ok) errors.image = image.error;
  let command: string[] = [];
  try {
    command = shellWords(f.command);
  } catch (err) {
    errors.command = (err as Error).message;
  }
  const collect = <T>(field: RunFormField, text: string, parse: (t: string) => Parsed<T>): T[] => {
    const r = parseLines(text, parse);
    if (r.error) errors[field] ??= r.error;
    return r.values;
  };
  const env = collect('env', f.env, parseEnv);
  const ports = collect('ports', f.ports, parsePort);
  const mounts = collect('volumes', f.volumes, parseMount);
  const name = f.name.trim();
  if (name && !CONTAINER_NAME.test(name)) errors.name = 'use letters, digits, _ . - (starting with a letter or digit), at least 2 characters';
  const workdir = f.workdir.trim();
  if (workdir && !workdir.startsWith('/')) errors.workdir = 'must be an absolute path, e.g. /app';
  const user = f.user.trim();
  if (user && !/^[^\s:]+(:[^\s:]+)?$/.test(user)) errors.user = 'write name or uid, optionally :group or :gid';
  const restartText = f.restart === 'on-failure' && f.maxRetries.trim() ? `on-failure:${f.maxRetries.trim()}` : f.restart;
  const restart = parseRestart(restartText);
  if (!restart.ok) errors[f.maxRetries.trim() ? 'maxRetries' : 'restart'] = restart.error;
  else if (f.autoRemove && restart.value.name !== 'no') errors.restart = '“Remove when stopped (--rm)” cannot be combined with a restart policy';
  const network = f.network.trim();
  if (network && !/^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/.test(network)) errors.network = 'not a network name (e.g. bridge, host, none, my-net)';
  let entrypoint: string | undefined;
  if (f.entrypoint.trim()) {
    try {
      const words = shellWords(f.entrypoint);
      if (words.length > 1) errors.entrypoint = 'one executable only (as --entrypoint); put its arguments in Command';
      else entrypoint = words[0] ?? '';
    } catch (err) {
      errors.entrypoint = (err as Error).message;
    }
  }
  if (Object.keys(errors).length || !image.ok || !restart.ok) return { spec: null, errors };
  const mode = f.interactive ? (f.detach ? { detach: true } : {}) : f.detach ? {} : { attach: true };
  const pull = PullPolicy.safeParse(f.pull);
  const spec: RunSpec = { image: image.value, command, interactive: f.interactive, ...mode, ...(pull.success && pull.data !== 'missing' ? { pull: pull.data } : {}), autoRemove: f.autoRemove, env, ports, mounts, restart: restart.value };
  if (name) spec.name = name;
  if (workdir) spec.workdir = workdir;
  if (user) spec.user = user;
  if (network) spec.network = network;
  if (entrypoint !== undefined) spec.entrypoint = entrypoint;
  const checked = RunSpec.safeParse(spec);
  if (!checked.success) return { spec: null, errors: { image: checked.error.issues.map((i) => i.message).join('; ') } };
  return { spec, errors };
}

/** The form that shows a spec (after a paste). */
export function formFromSpec(spec: RunSpec): RunForm {
  return {
    image: spec.image,
    command: spec.command.length ? shellJoin(spec.command) : '',
    name: spec.name ?? '',
    interactive: spec.interactive,
    detach: spec.interactive ? !!spec.detach : !spec.attach,
    pull: spec.pull ?? 'missing',
    autoRemove: spec.autoRemove,
    env: spec.env.join('\n'),
    ports: spec.ports.map(formatPort).join('\n'),
    volumes: spec.mounts.map(formatMount).join('\n'),
    workdir: spec.workdir ?? '',
    user: spec.user ?? '',
    restart: spec.restart.name,
    maxRetries: spec.restart.maximumRetryCount !== undefined ? String(spec.restart.maximumRetryCount) : '',
    network: spec.network ?? '',
    entrypoint: spec.entrypoint === undefined ? '' : spec.entrypoint === '' ? '""' : shellJoin([spec.entrypoint]),
  };
}

export { formatRestart };
