/**
 * `docker service create` as a command line and back (issue #16), as shared/run-command.ts does for
 * `docker run`: the same shell-quote words (shellJoin / shellWords) and minimist flag parsing stopping at
 * the image, every flag Berth does not model reported, never dropped. Also `docker service update --image`
 * and `docker service scale` lines, shown in their dialogs. Pure: runs in the renderer.
 *
 * Flag names and defaults: docker/cli `cli/command/service/opts.go` and `flags.go` (Docker 20.10). The
 * switches `--detach`, `--quiet`, `--no-resolve-image` and `--with-registry-auth` are read and ignored:
 * Berth never waits in the client, never pins a digest, and always sends the credentials it holds for
 * the image's registry. Glued short flags (`-eK=V`) are not read: write `-e K=V`.
 */
import minimist from 'minimist';
import { parseEnv, parseImage, type Parsed } from './run';
import { shellJoin, shellWords } from './run-command';
import { formatServiceFile, parseServiceFile } from './service-files';
import {
  Constraint,
  DEFAULT_UPDATE,
  emptyServiceArgs,
  formatCpus,
  formatDuration,
  formatMemory,
  formatServicePort,
  parseCpus,
  parseDuration,
  parseMemory,
  parseServicePort,
  SERVICE_NAME,
  type ServiceCreateArgs,
  type ServiceRestart,
  type UpdateSettings,
} from './swarm-service-spec';
import type { MountSpec } from './run';

/** `--mount` text of a mount: `type=bind` for an absolute source, else `type=volume` (no source: anonymous). */
export function formatServiceMount(m: MountSpec): string {
  const type = m.source?.startsWith('/') ? 'bind' : 'volume';
  return [`type=${type}`, ...(m.source ? [`source=${m.source}`] : []), `target=${m.target}`, ...(m.readOnly ? ['readonly'] : [])].join(',');
}

/** Read `--mount` text (`type=bind|volume`, `source`/`src`, `target`/`dst`/`destination`, `readonly`/`ro`). */
export function parseServiceMount(text: string): Parsed<MountSpec> {
  let type = 'volume';
  const m: { source?: string; target?: string; readOnly: boolean } = { readOnly: false };
  for (const field of text.split(',')) {
    const eq = field.indexOf('=');
    const key = (eq < 0 ? field : field.slice(0, eq)).trim().toLowerCase();
    const value = eq < 0 ? '' : field.slice(eq + 1);
    if (key === 'type') type = value;
    else if (key === 'source' || key === 'src') m.source = value;
    else if (key === 'target' || key === 'dst' || key === 'destination') m.target = value;
    else if (key === 'readonly' || key === 'ro') m.readOnly = eq < 0 || value === 'true' || value === '1';
    else return { ok: false, error: `"${field}" is not supported by Berth (type, source, target, readonly)` };
  }
  if (type !== 'bind' && type !== 'volume') return { ok: false, error: `type=${type}: Berth writes bind and volume mounts only` };
  if (!m.target?.startsWith('/') || m.target === '/') return { ok: false, error: `"${text}" needs an absolute target= path` };
  if (type === 'bind' && !m.source?.startsWith('/')) return { ok: false, error: `a bind mount needs an absolute source= path: "${text}"` };
  if (type === 'volume' && m.source?.startsWith('/')) return { ok: false, error: `a volume's source is a volume name, not a path: "${text}"` };
  return { ok: true, value: { ...(m.source ? { source: m.source } : {}), target: m.target, readOnly: m.readOnly } };
}

/** The `--update-*` flags that differ from the CLI's defaults (all of them with `all`). */
export function updateFlags(u: UpdateSettings, all = false): string[] {
  const out: string[] = [];
  if (all || u.parallelism !== DEFAULT_UPDATE.parallelism) out.push('--update-parallelism', String(u.parallelism));
  if (all || u.delayNs !== DEFAULT_UPDATE.delayNs) out.push('--update-delay', formatDuration(u.delayNs));
  if (all || u.failureAction !== DEFAULT_UPDATE.failureAction) out.push('--update-failure-action', u.failureAction);
  if (all || u.order !== DEFAULT_UPDATE.order) out.push('--update-order', u.order);
  return out;
}

/** The argv of `docker service create` for `a`, `docker service create` included. */
export function serviceCreateArgv(a: ServiceCreateArgs): string[] {
  const argv = ['docker', 'service', 'create', '--name', a.name];
  if (a.mode.kind === 'global') argv.push('--mode', 'global');
  else argv.push('--replicas', String(a.mode.replicas));
  for (const e of a.env) argv.push('-e', e);
  for (const p of a.ports) argv.push('-p', formatServicePort(p));
  for (const m of a.mounts) argv.push('--mount', formatServiceMount(m));
  for (const [k, v] of Object.entries(a.labels)) argv.push('-l', v ? `${k}=${v}` : k);
  if (a.workdir) argv.push('-w', a.workdir);
  if (a.user) argv.push('-u', a.user);
  if (a.network) argv.push('--network', a.network);
  if (a.entrypoint !== undefined) argv.push('--entrypoint', a.entrypoint);
  if (a.restart.condition !== 'any') argv.push('--restart-condition', a.restart.condition);
  if (a.restart.maxAttempts !== undefined) argv.push('--restart-max-attempts', String(a.restart.maxAttempts));
  if (a.limits.nanoCpus !== undefined) argv.push('--limit-cpu', formatCpus(a.limits.nanoCpus));
  if (a.limits.memoryBytes !== undefined) argv.push('--limit-memory', formatMemory(a.limits.memoryBytes));
  for (const c of a.constraints) argv.push('--constraint', c);
  for (const r of a.secrets) argv.push('--secret', formatServiceFile(r));
  for (const r of a.configs) argv.push('--config', formatServiceFile(r));
  argv.push(...updateFlags(a.update), a.image, ...a.command);
  return argv;
}

/** `a` as one shell-quoted `docker service create` line. */
export const toDockerServiceCreate = (a: ServiceCreateArgs): string => shellJoin(serviceCreateArgv(a));

/** `docker service update --image I --update-… SERVICE`, every rolling setting written out. */
export const toDockerServiceUpdate = (service: string, image: string, u: UpdateSettings): string => shellJoin(['docker', 'service', 'update', '--image', image, ...updateFlags(u, true), service]);

/** `docker service scale SERVICE=N`. */
export const toDockerServiceScale = (service: string, replicas: number): string => shellJoin(['docker', 'service', 'scale', `${service}=${replicas}`]);

const STRING_FLAGS = [
  '_', 'name', 'e', 'env', 'p', 'publish', 'mount', 'l', 'label', 'w', 'workdir', 'u', 'user', 'network', 'entrypoint',
  'restart-condition', 'restart-max-attempts', 'limit-cpu', 'limit-memory', 'mode', 'replicas', 'constraint',
  'update-parallelism', 'update-delay', 'update-failure-action', 'update-order', 'secret', 'config',
];
/** minimist reads `--no-resolve-image` as `resolve-image` set to false: known so it is not reported. */
const IGNORED_SWITCHES = ['d', 'detach', 'q', 'quiet', 'resolve-image', 'with-registry-auth'];
/** Switches of `docker service create` Berth does not model: known as switches so the image is not taken as their value. */
const UNSUPPORTED_SWITCHES = ['t', 'tty', 'init', 'read-only', 'no-healthcheck', 'help', 'force'];

const list = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));
const last = (v: unknown): string | undefined => list(v).at(-1);

/** Result of reading a pasted line: the arguments it describes and every problem in it. */
export interface ParsedServiceCreate {
  args: ServiceCreateArgs;
  problems: string[];
}

/** Read a pasted `docker service create …` (or `docker service create`'s flags and image alone). */
export function fromDockerServiceCreate(line: string): ParsedServiceCreate {
  const problems: string[] = [];
  const a = emptyServiceArgs();
  let words: string[];
  try {
    words = shellWords(line);
  } catch (err) {
    return { args: a, problems: [(err as Error).message.replace('docker run', 'docker service create')] };
  }
  if (words[0] === 'docker') words.shift();
  if (words[0] === 'service') words.shift();
  if (words[0] === 'create') words.shift();
  const unknown: string[] = [];
  const f = minimist(words, {
    string: STRING_FLAGS,
    boolean: [...IGNORED_SWITCHES, ...UNSUPPORTED_SWITCHES],
    stopEarly: true,
    '--': true,
    unknown: (arg) => (arg.startsWith('-') ? (unknown.push(arg), false) : true),
  });
  for (const u of [...UNSUPPORTED_SWITCHES.filter((s) => f[s]).map((s) => (s.length === 1 ? `-${s}` : `--${s}`)), ...unknown]) problems.push(`${u}: not supported by Berth's service dialog`);
  const check = <T>(flag: string, r: Parsed<T>): T | undefined => (r.ok ? r.value : (problems.push(`${flag}: ${r.error}`), undefined));
  const each = <T>(flag: string, values: string[], parse: (t: string) => Parsed<T>, into: T[]) => {
    for (const v of values) {
      const r = check(flag, parse(v));
      if (r !== undefined) into.push(r);
    }
  };
  const name = last(f.name);
  if (name === undefined) problems.push('--name: give the service a name');
  else if (SERVICE_NAME.test(name) && name.length <= 63) a.name = name;
  else problems.push(`--name: "${name}" is not a service name (letters and digits, - or _ between them)`);
  each('-e', [...list(f.e), ...list(f.env)], parseEnv, a.env);
  each('-p', [...list(f.p), ...list(f.publish)], parseServicePort, a.ports);
  each('--mount', list(f.mount), parseServiceMount, a.mounts);
  each('--secret', list(f.secret), (t) => parseServiceFile('secret', t), a.secrets);
  each('--config', list(f.config), (t) => parseServiceFile('config', t), a.configs);
  for (const l of [...list(f.l), ...list(f.label)]) {
    const eq = l.indexOf('=');
    const key = eq < 0 ? l : l.slice(0, eq);
    if (!key || /\s/.test(key)) problems.push(`--label: "${l}" is not key=value`);
    else a.labels[key] = eq < 0 ? '' : l.slice(eq + 1);
  }
  /** `value` when `ok` says it is good, else a problem `flag: message` and undefined. */
  const take = <T extends string>(flag: string, value: string | undefined, good: (v: string) => boolean, message: string): T | undefined => {
    if (value === undefined) return undefined;
    if (good(value)) return value as T;
    problems.push(`${flag}: "${value}" ${message}`);
    return undefined;
  };
  const isCount = (digits: number) => (v: string) => new RegExp(`^\\d{1,${digits}}$`).test(v);
  const count = (flag: string, value: string | undefined, digits = 5) => {
    const v = take(flag, value, isCount(digits), 'is not a count');
    return v === undefined ? undefined : Number(v);
  };
  const workdir = take('-w', last(f.w) ?? last(f.workdir), (v) => v.startsWith('/'), 'must be an absolute path');
  if (workdir) a.workdir = workdir;
  const user = last(f.u) ?? last(f.user);
  if (user) a.user = user;
  const network = last(f.network);
  if (network) a.network = network;
  const entrypoint = last(f.entrypoint);
  if (entrypoint) a.entrypoint = entrypoint;
  a.restart.condition = take<ServiceRestart['condition']>('--restart-condition', last(f['restart-condition']), (v) => ['any', 'on-failure', 'none'].includes(v), 'must be any, on-failure or none') ?? 'any';
  const attempts = count('--restart-max-attempts', last(f['restart-max-attempts']), 7);
  if (attempts !== undefined) a.restart.maxAttempts = attempts;
  const cpu = last(f['limit-cpu']);
  const nanoCpus = cpu === undefined ? undefined : check('--limit-cpu', parseCpus(cpu));
  if (nanoCpus !== undefined) a.limits.nanoCpus = nanoCpus;
  const memory = last(f['limit-memory']);
  const memoryBytes = memory === undefined ? undefined : check('--limit-memory', parseMemory(memory));
  if (memoryBytes !== undefined) a.limits.memoryBytes = memoryBytes;
  const mode = take('--mode', last(f.mode), (v) => v === 'replicated' || v === 'global', 'must be replicated or global');
  const replicas = count('--replicas', last(f.replicas));
  if (mode === 'global') {
    a.mode = { kind: 'global' };
    if (replicas !== undefined) problems.push('--replicas: a global service runs one task per node, it takes no replica count');
  } else if (replicas !== undefined) a.mode = { kind: 'replicated', replicas };
  for (const c of list(f.constraint)) if (take('--constraint', c, (v) => Constraint.safeParse(v).success, 'is not key==value or key!=value')) a.constraints.push(c);
  a.update.parallelism = count('--update-parallelism', last(f['update-parallelism'])) ?? DEFAULT_UPDATE.parallelism;
  const delay = last(f['update-delay']);
  a.update.delayNs = (delay === undefined ? undefined : check('--update-delay', parseDuration(delay))) ?? DEFAULT_UPDATE.delayNs;
  a.update.failureAction = take<UpdateSettings['failureAction']>('--update-failure-action', last(f['update-failure-action']), (v) => ['pause', 'continue', 'rollback'].includes(v), 'must be pause, continue or rollback') ?? DEFAULT_UPDATE.failureAction;
  a.update.order = take<UpdateSettings['order']>('--update-order', last(f['update-order']), (v) => v === 'start-first' || v === 'stop-first', 'must be start-first or stop-first') ?? DEFAULT_UPDATE.order;
  // As in run-command.ts: minimist takes `--` out; after the image it is the command's own word.
  const head = list(f._);
  const [image, ...command] = head.length ? [...head, ...(words.includes('--') ? ['--', ...list(f['--'])] : [])] : list(f['--']);
  if (image === undefined) problems.push('no image: the command line must name one after the flags');
  else {
    const v = check('image', parseImage(image));
    if (v) a.image = v;
    a.command = command;
  }
  return { args: a, problems };
}

