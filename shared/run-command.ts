/**
 * "Copy as docker run" and its reverse: a RunSpec as a shell-quoted `docker run` command line, and a pasted
 * command line back into a RunSpec. Shell words are split and quoted by `shell-quote`, flags parsed by
 * `minimist` (stopping at the image, as the CLI does); flags Berth does not model are reported, never
 * dropped silently. Pure: runs in the renderer.
 */
import minimist from 'minimist';
import { parse as shellParse, quote } from 'shell-quote';
import {
  emptyRunSpec,
  formatMount,
  formatPort,
  formatRestart,
  parseEnv,
  parseImage,
  parseMount,
  parsePort,
  parseRestart,
  CONTAINER_NAME,
  PullPolicy,
  type RunSpec,
} from './run';

/** The argv of `docker run` for a spec, `docker` and `run` included. */
export function runArgv(spec: RunSpec): string[] {
  const mode = spec.interactive ? (spec.detach ? '-dit' : '-it') : spec.attach ? undefined : '-d';
  const argv = ['docker', 'run', ...(mode ? [mode] : [])];
  if (spec.pull && spec.pull !== 'missing') argv.push('--pull', spec.pull);
  if (spec.autoRemove) argv.push('--rm');
  if (spec.name) argv.push('--name', spec.name);
  for (const e of spec.env) argv.push('-e', e);
  for (const p of spec.ports) argv.push('-p', formatPort(p));
  for (const m of spec.mounts) argv.push('-v', formatMount(m));
  if (spec.workdir) argv.push('-w', spec.workdir);
  if (spec.user) argv.push('-u', spec.user);
  if (spec.restart.name !== 'no') argv.push('--restart', formatRestart(spec.restart));
  if (spec.network) argv.push('--network', spec.network);
  if (spec.entrypoint !== undefined) argv.push('--entrypoint', spec.entrypoint);
  argv.push(spec.image, ...spec.command);
  return argv;
}

/** Characters that never need quoting in a POSIX shell word (shell-quote also escapes `:`, `=`, `@`, `,`). */
const PLAIN_WORD = /^[A-Za-z0-9_\-.,:/@%+=]+$/;

/** Quote a list of words for a POSIX shell: plain words as they are, the rest by shell-quote. */
export function shellJoin(words: string[]): string {
  return words.map((w) => (PLAIN_WORD.test(w) ? w : quote([w]))).join(' ');
}

/** The spec as one shell-quoted line, ready to paste into a POSIX shell. */
export function toDockerRun(spec: RunSpec): string {
  return shellJoin(runArgv(spec));
}

/** Result of reading a pasted line: the spec it describes and every problem (unknown flags, bad values). */
export interface ParsedRun {
  spec: RunSpec;
  problems: string[];
}

const STRING_FLAGS = ['_', 'e', 'env', 'p', 'publish', 'v', 'volume', 'w', 'workdir', 'u', 'user', 'name', 'restart', 'network', 'net', 'entrypoint', 'pull'];
const BOOLEAN_FLAGS = ['i', 'interactive', 't', 'tty', 'd', 'detach', 'rm'];
/**
 * `docker run` flags that take no value but that Berth does not model (Docker CLI reference). They must be
 * known as flags without a value, or the parser would take the next word (the image) as their value.
 */
const UNSUPPORTED_SWITCHES = ['privileged', 'init', 'read-only', 'no-healthcheck', 'oom-kill-disable', 'P', 'publish-all', 'q', 'quiet', 'disable-content-trust', 'help', 'sig-proxy', 'no-stream'];

/**
 * The quote a POSIX shell would still be waiting for the end of at the end of `line` (`'` or `"`), if any:
 * shell-quote closes an open quote silently, where a terminal would wait for more input and `sh -c` refuses
 * ("unterminated quoted string"). Backslash escapes outside single quotes, as POSIX sh reads them.
 */
function openQuote(line: string): "'" | '"' | null {
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote === "'") {
      if (c === "'") quote = null;
    } else if (c === '\\') i++;
    else if (quote === '"') {
      if (c === '"') quote = null;
    } else if (c === "'" || c === '"') quote = c;
  }
  return quote;
}

/**
 * Split a shell line into words. Variables stay literal (`$HOME` is the container's business, not ours);
 * pipes, redirections and `;` are refused because they are not part of one `docker run`.
 * @throws Error naming the shell operator, or the quote left open.
 */
export function shellWords(line: string): string[] {
  const open = openQuote(line);
  if (open) throw new Error(`unterminated ${open} quote: close it (${open === "'" ? "'…'" : '"…"'}) as in a terminal`);
  const words: string[] = [];
  for (const entry of shellParse(line, (name) => `$${name}`)) {
    if (typeof entry === 'string') words.push(entry);
    else if ('comment' in entry) break;
    else if (entry.op === 'glob') words.push(entry.pattern);
    else throw new Error(`the shell operator "${entry.op}" is not part of a docker run command`);
  }
  return words;
}

const SHORT_STRING = new Set(STRING_FLAGS.filter((f) => f.length === 1 && f !== '_'));
const SHORT_BOOLEAN = new Set([...BOOLEAN_FLAGS, ...UNSUPPORTED_SWITCHES].filter((f) => f.length === 1));

/**
 * pflag's shorthand grammar where minimist differs: a value glued to a short flag that takes one, after
 * booleans or not (`-eK=V` → `-e K=V`, `-deK=V` → `-d -e K=V`; `-dit` and `-e=K=V` are minimist's already).
 * minimist alone reads `-eK=V` as `-e ""` plus a flag `K`. Only Docker's own flags are touched: the words
 * from the image on (the container's command) stay exactly as given.
 */
function splitGluedShorts(words: string[]): string[] {
  const out: string[] = [];
  for (let k = 0; k < words.length; k++) {
    const w = words[k];
    if (w === '--' || !w.startsWith('-') || w === '-') return [...out, ...words.slice(k)];
    if (w.startsWith('--')) {
      out.push(w);
      // `--name web`: the next word is this flag's value, not the image.
      if (!w.includes('=') && STRING_FLAGS.includes(w.slice(2)) && k + 1 < words.length) out.push(words[++k]);
      continue;
    }
    const letters = w.slice(1);
    let i = 0;
    while (i < letters.length && SHORT_BOOLEAN.has(letters[i])) i++;
    const flag = letters[i];
    if (flag !== undefined && SHORT_STRING.has(flag)) {
      const glued = letters.slice(i + 1);
      out.push(...(i ? [`-${letters.slice(0, i)}`] : []));
      if (glued === '' || glued.startsWith('=')) {
        out.push(`-${flag}${glued}`);
        if (glued === '' && k + 1 < words.length) out.push(words[++k]);
      } else out.push(`-${flag}`, glued);
    } else out.push(w);
  }
  return out;
}

const list = (v: unknown): string[] => (v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String));
const last = (v: unknown): string | undefined => {
  const all = list(v);
  return all.length ? all[all.length - 1] : undefined;
};

/** Read a pasted `docker run …` (or `docker container run …`, or just its flags and image) into a spec. */
export function fromDockerRun(line: string): ParsedRun {
  const problems: string[] = [];
  const spec = emptyRunSpec();
  spec.interactive = false;
  spec.autoRemove = false;
  let words: string[];
  try {
    words = shellWords(line);
  } catch (err) {
    return { spec, problems: [(err as Error).message] };
  }
  if (words[0] === 'docker' || words[0] === 'podman') words.shift();
  if (words[0] === 'container') words.shift();
  if (words[0] === 'run') words.shift();

  const unknown: string[] = [];
  const split = splitGluedShorts(words);
  const args = minimist(split, {
    string: STRING_FLAGS,
    boolean: [...BOOLEAN_FLAGS, ...UNSUPPORTED_SWITCHES],
    stopEarly: true,
    '--': true,
    unknown: (arg) => {
      if (arg.startsWith('-')) {
        unknown.push(arg);
        return false;
      }
      return true;
    },
  });
  for (const u of [...UNSUPPORTED_SWITCHES.filter((f) => args[f]).map((f) => (f.length === 1 ? `-${f}` : `--${f}`)), ...unknown]) {
    problems.push(`${u}: not supported by Berth's Run dialog`);
  }

  const interactive = Boolean(args.i || args.interactive);
  const tty = Boolean(args.t || args.tty);
  if (interactive !== tty) problems.push(`${interactive ? '-i' : '-t'} alone is not supported: Berth runs -it together or detached`);
  spec.interactive = interactive && tty;
  const detach = Boolean(args.d || args.detach);
  if (spec.interactive && detach) spec.detach = true;
  // Neither -it nor -d: the CLI's foreground run, output attached.
  if (!interactive && !tty && !detach) spec.attach = true;
  spec.autoRemove = Boolean(args.rm);

  const check = <T>(flag: string, r: { ok: true; value: T } | { ok: false; error: string }): T | undefined => {
    if (r.ok) return r.value;
    problems.push(`${flag}: ${r.error}`);
    return undefined;
  };
  for (const e of [...list(args.e), ...list(args.env)]) {
    const v = check('-e', parseEnv(e));
    if (v !== undefined) spec.env.push(v);
  }
  for (const p of [...list(args.p), ...list(args.publish)]) {
    const v = check('-p', parsePort(p));
    if (v) spec.ports.push(v);
  }
  for (const m of [...list(args.v), ...list(args.volume)]) {
    const v = check('-v', parseMount(m));
    if (v) spec.mounts.push(v);
  }
  const name = last(args.name);
  if (name !== undefined) {
    if (CONTAINER_NAME.test(name)) spec.name = name;
    else problems.push(`--name: "${name}" is not a valid container name`);
  }
  const workdir = last(args.w) ?? last(args.workdir);
  if (workdir !== undefined) {
    if (workdir.startsWith('/')) spec.workdir = workdir;
    else problems.push(`-w: the working directory "${workdir}" must be absolute`);
  }
  const user = last(args.u) ?? last(args.user);
  if (user) spec.user = user;
  const restart = last(args.restart);
  if (restart !== undefined) {
    const v = check('--restart', parseRestart(restart));
    if (v) spec.restart = v;
  }
  const network = last(args.network) ?? last(args.net);
  if (network) spec.network = network;
  const pull = last(args.pull);
  if (pull !== undefined) {
    const v = PullPolicy.safeParse(pull);
    if (v.success) spec.pull = v.data;
    else problems.push(`--pull: "${pull}" must be missing, always or never`);
  }
  const entrypoint = last(args.entrypoint);
  if (entrypoint !== undefined) spec.entrypoint = entrypoint;

  // minimist takes the first `--` out wherever it is. pflag (SetInterspersed(false)) drops it only before the
  // image (the end of docker's flags); after the image it is the container's first word of the command.
  const afterMarker = list(args['--']);
  const head = list(args._);
  const [image, ...command] = head.length ? [...head, ...(split.includes('--') ? ['--', ...afterMarker] : [])] : afterMarker;
  if (image === undefined) problems.push('no image: the command line must name one after the flags');
  else {
    const v = check('image', parseImage(image));
    if (v) spec.image = v;
    spec.command = command;
  }
  return { spec, problems };
}
