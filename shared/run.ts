/**
 * `docker run` as data: the RunSpec the Run dialog builds and `containers.run` executes, and the parsers
 * for each field's text form (the Docker CLI's own syntax, so what people type in a terminal works here).
 * Pure: used by the renderer for inline messages and by the router (as zod refinements) before anything is
 * created. Grammar source: Docker CLI reference for `docker run` (`-p`, `-v`, `-e`, `--restart`, `--name`).
 */
import { z } from 'zod';
import { parseReference } from './reference';
import { IMAGE_ID, RESTRICTED_NAME } from './refs';

/** A field's parse: the value, or a readable reason. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; error: string };

/**
 * Parse each non-blank line of `text` (one item per line, as the Run and Create service dialogs' Environment, Ports
 * and Volumes fields take them; lines are given to `parse` untrimmed): the values of the lines that parse, and the
 * first failure as `line N: reason` (N 1-based), or null.
 */
export function parseLines<T>(text: string, parse: (line: string) => Parsed<T>): { values: T[]; error: string | null } {
  const values: T[] = [];
  let error: string | null = null;
  text.split('\n').forEach((l, i) => {
    if (l.trim() === '') return;
    const r = parse(l);
    if (r.ok) values.push(r.value);
    else error ??= `line ${i + 1}: ${r.error}`;
  });
  return { values, error };
}

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Container names as the engine accepts them: `[a-zA-Z0-9][a-zA-Z0-9_.-]+` (moby `daemon/names`, see ./refs.ts). */
export const CONTAINER_NAME = RESTRICTED_NAME;
/** Volume names, same rule as container names (moby `volume/local`). */
const VOLUME_NAME = CONTAINER_NAME;

/** An image reference (`name[:tag][@digest]`) or an image ID. */
export function parseImage(text: string): Parsed<string> {
  const t = text.trim();
  if (!t) return fail('give an image: a reference such as busybox:1.36, or an image ID');
  if (IMAGE_ID.test(t)) return ok(t);
  const r = parseReference(t);
  return r.ok ? ok(t) : fail(r.error);
}

export const PortProtocol = z.enum(['tcp', 'udp', 'sctp']);

/** One `-p [ip:][hostPort:]containerPort[/protocol]`. No `hostPort` publishes on a random host port. */
export const PortSpec = z.object({
  hostIp: z.string().max(64).optional(),
  hostPort: z.number().int().min(1).max(65535).optional(),
  containerPort: z.number().int().min(1).max(65535),
  protocol: PortProtocol,
});
export type PortSpec = z.infer<typeof PortSpec>;

/** A port number 1–65535 from its digits; `what` names it in the error ("host port"). */
export function portNumber(text: string, what: string): Parsed<number> {
  if (!/^\d{1,5}$/.test(text)) return fail(`${what} "${text}" is not a port number`);
  const n = Number(text);
  return n >= 1 && n <= 65535 ? ok(n) : fail(`${what} ${n} is outside 1–65535`);
}

/** Parse `-p` text: `80`, `8080:80`, `127.0.0.1:8080:80/udp`, `[::1]:8080:80`, `127.0.0.1::80`. Ranges are refused. */
export function parsePort(text: string): Parsed<PortSpec> {
  const t = text.trim();
  if (!t) return fail('give a port mapping such as 8080:80');
  const [main, proto = 'tcp', ...extra] = t.split('/');
  if (extra.length || !PortProtocol.safeParse(proto).success) return fail(`protocol must be tcp, udp or sctp (got "${t}")`);
  if (main.includes('-')) return fail('port ranges are not supported: publish each port on its own line');
  let hostIp: string | undefined;
  let rest = main;
  const v6 = /^\[([0-9a-fA-F:.]+)\]:(.*)$/.exec(main);
  if (v6) {
    hostIp = v6[1];
    rest = v6[2];
  }
  const parts = rest.split(':');
  if (!v6 && parts.length === 3) hostIp = parts.shift();
  if (parts.length > 2 || (v6 && parts.length !== 2)) return fail(`"${t}" is not [ip:][hostPort:]containerPort[/protocol]`);
  if (hostIp !== undefined && !v6 && !/^\d{1,3}(\.\d{1,3}){3}$/.test(hostIp)) return fail(`"${hostIp}" is not an IP address`);
  const container = portNumber(parts[parts.length - 1], 'container port');
  if (!container.ok) return container;
  const spec: PortSpec = { containerPort: container.value, protocol: proto as PortSpec['protocol'] };
  if (hostIp) spec.hostIp = hostIp;
  if (parts.length === 2 && parts[0] !== '') {
    const host = portNumber(parts[0], 'host port');
    if (!host.ok) return host;
    spec.hostPort = host.value;
  }
  return ok(spec);
}

/** The CLI text of a port spec (inverse of parsePort). */
export function formatPort(p: PortSpec): string {
  const ip = p.hostIp ? (p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp) : '';
  const host = p.hostPort ? String(p.hostPort) : '';
  const prefix = ip ? `${ip}:${host}:` : host ? `${host}:` : '';
  return `${prefix}${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`;
}

/** One `-v`: a bind mount (absolute host `source`), a named volume, or an anonymous volume (no `source`). */
export const MountSpec = z.object({
  source: z.string().max(4096).optional(),
  target: z.string().min(2).max(4096).regex(/^\//, 'the container path must be absolute'),
  readOnly: z.boolean(),
});
export type MountSpec = z.infer<typeof MountSpec>;

/** Parse `-v` text: `/host/dir:/data`, `myvolume:/data:ro`, `/data` (anonymous volume). */
export function parseMount(text: string): Parsed<MountSpec> {
  const t = text.trim();
  if (!t) return fail('give a mount such as /host/dir:/data or volume:/data:ro');
  const parts = t.split(':');
  let readOnly = false;
  if (parts.length === 3) {
    const mode = parts.pop();
    if (mode !== 'ro' && mode !== 'rw') return fail(`mode "${mode}" must be ro or rw`);
    readOnly = mode === 'ro';
  }
  if (parts.length > 2) return fail(`"${t}" is not source:/container/path[:ro]`);
  const target = parts[parts.length - 1];
  if (!target.startsWith('/') || target === '/') return fail(`the container path "${target}" must be absolute (and not /)`);
  if (parts.length === 1) return ok({ target, readOnly });
  const source = parts[0];
  if (!source.startsWith('/') && !VOLUME_NAME.test(source)) {
    return fail(`"${source}" is neither an absolute host path nor a volume name ([a-zA-Z0-9][a-zA-Z0-9_.-]+)`);
  }
  return ok({ source, target, readOnly });
}

/** The CLI text of a mount (inverse of parseMount). */
export function formatMount(m: MountSpec): string {
  return `${m.source ? `${m.source}:` : ''}${m.target}${m.readOnly ? ':ro' : ''}`;
}

/** An environment entry `KEY=value` (the value may be empty or contain `=`). */
export const EnvEntry = z.string().max(131_072).regex(/^[^=\s]+=/, 'must be KEY=value');

/** Parse `-e` text. A bare `KEY` (taken from the CLI's own environment) is refused: Berth has no such environment. */
export function parseEnv(text: string): Parsed<string> {
  const t = text.replace(/^\s+/, '');
  if (!t) return fail('give KEY=value');
  const eq = t.indexOf('=');
  if (eq < 0) return fail(`"${t}" has no value: write ${t}=value`);
  if (eq === 0) return fail(`"${t}" has no variable name before =`);
  if (/\s/.test(t.slice(0, eq))) return fail(`the variable name "${t.slice(0, eq)}" contains a space`);
  return ok(t);
}

/** `--restart`: `no`, `always`, `unless-stopped`, `on-failure[:max-retries]`. */
export const RestartPolicy = z.object({
  name: z.enum(['no', 'always', 'unless-stopped', 'on-failure']),
  maximumRetryCount: z.number().int().min(0).max(1_000_000).optional(),
});
export type RestartPolicy = z.infer<typeof RestartPolicy>;

export function parseRestart(text: string): Parsed<RestartPolicy> {
  const t = text.trim() || 'no';
  const m = /^(no|always|unless-stopped|on-failure)(?::(\d+))?$/.exec(t);
  if (!m) return fail(`restart policy "${t}" must be no, always, unless-stopped or on-failure[:N]`);
  if (m[2] !== undefined && m[1] !== 'on-failure') return fail('only on-failure takes a retry count');
  const policy: RestartPolicy = { name: m[1] as RestartPolicy['name'] };
  if (m[2] !== undefined) policy.maximumRetryCount = Number(m[2]);
  return ok(policy);
}

export function formatRestart(r: RestartPolicy): string {
  return r.maximumRetryCount !== undefined ? `${r.name}:${r.maximumRetryCount}` : r.name;
}

/** A terminal size in character cells. */
export const TerminalSize = z.object({ cols: z.number().int().min(2).max(1000), rows: z.number().int().min(1).max(500) });
export type TerminalSize = z.infer<typeof TerminalSize>;

/**
 * `--pull`, as the Docker CLI: `missing` (its default) pulls the image when it is not on the engine,
 * `always` pulls it first, `never` fails when it is not there ("Unable to find image 'x' locally").
 * The pull is the client's step, as with the CLI (the engine's create never pulls): Berth's Run dialog
 * runs it as an ordinary pull task and then calls `containers.run`, which only reports a missing image.
 */
export const PullPolicy = z.enum(['missing', 'always', 'never']);
export type PullPolicy = z.infer<typeof PullPolicy>;

/**
 * Everything `containers.run` needs: the structured form of a `docker run` command line.
 * `interactive` is `-it` (TTY, stdin open, a terminal session attached before start); with `detach` too it
 * is `-dit`: TTY and stdin kept open, nothing attached, the container opened later with Attach. Without
 * `interactive` the container runs detached (`-d`), unless `attach` is set: then it runs as `docker run`
 * without `-d` or `-it` does, its stdout and stderr attached before start and streamed into a read-only
 * terminal session that keeps the output and the exit code after the container is gone (`--rm`).
 * `entrypoint` overrides the image's (`""` clears it, as `--entrypoint ""`).
 */
export const RunSpec = z
  .object({
    image: z.string().max(512).refine((s) => parseImage(s).ok, { message: 'not an image reference or ID' }),
    command: z.array(z.string().max(131_072)).max(1024),
    entrypoint: z.string().max(4096).optional(),
    name: z.string().max(128).regex(CONTAINER_NAME, 'names use letters, digits, _ . - and start with a letter or digit').optional(),
    interactive: z.boolean(),
    /** With `interactive`: `-d` too (`docker run -dit`). */
    detach: z.boolean().optional(),
    /** Without `interactive`: in the foreground, output attached (no `-d`). */
    attach: z.boolean().optional(),
    /** `--pull`; absent: `missing`. */
    pull: PullPolicy.optional(),
    autoRemove: z.boolean(),
    env: z.array(EnvEntry).max(1000),
    ports: z.array(PortSpec).max(1000),
    mounts: z.array(MountSpec).max(1000),
    workdir: z.string().max(4096).regex(/^\//, 'the working directory must be absolute').optional(),
    user: z.string().max(256).regex(/^[^\s:]+(:[^\s:]+)?$/, 'user must be name|uid[:group|gid]').optional(),
    restart: RestartPolicy,
    network: z.string().max(256).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.:-]*$/, 'not a network name').optional(),
    /** Initial terminal size for `-it`. */
    terminal: TerminalSize.optional(),
  })
  .strict()
  .refine((s) => !(s.autoRemove && s.restart.name !== 'no'), {
    message: '--rm cannot be combined with a restart policy other than no',
    path: ['restart'],
  })
  .refine((s) => !(s.attach && s.interactive), { message: 'attach is the mode without -it: with -it the terminal is attached already', path: ['attach'] });
export type RunSpec = z.infer<typeof RunSpec>;

/**
 * A RunSpec with every optional part empty: what the Run dialog starts from. Each default is `docker run`'s
 * own (Docker CLI reference): no `--rm` (the container stays after it stops), restart policy `no`, the
 * engine's default network, the image's entrypoint, command, working directory and user, nothing
 * published, mounted or added to the environment. One deliberate difference: `interactive` (`-it`) is on,
 * because the dialog exists to open a terminal; unchecking it gives the CLI's flagless mode (`attach`:
 * output streamed into a read-only terminal), or with "Detached (-d)" a detached run whose log is followed.
 */
export function emptyRunSpec(image = ''): RunSpec {
  return { image, command: [], interactive: true, autoRemove: false, env: [], ports: [], mounts: [], restart: { name: 'no' } };
}
