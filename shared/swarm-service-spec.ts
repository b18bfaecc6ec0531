/**
 * A swarm service as Berth writes it (issue #16): the structured form of `docker service create`, the
 * rolling-update settings of `docker service update --update-*`, and the arguments of the write methods
 * (`swarm.createService`, `swarm.scaleService`, `swarm.updateServiceImage`, `swarm.rollbackService`,
 * `swarm.removeService`). Durations are nanoseconds (the Engine API's unit), CPUs nano-CPUs, memory bytes.
 *
 * Also the text forms the Docker CLI takes for those values, parsed here so the dialog and the pasted
 * command line agree: `--publish` (short and long syntax), `--limit-cpu`, `--limit-memory`, `--update-delay`,
 * `--constraint`. Sources: docker/cli `cli/command/service/opts.go` (flag names and defaults: parallelism 1,
 * delay 0s, failure action pause, order stop-first), `opts/port.go`, docker/go-units `RAMInBytes` (binary
 * multipliers), Go `time.ParseDuration`, swarmkit `api/validation` (service names: a DNS label, 63 characters).
 */
import { z } from 'zod';
import { EnvEntry, MountSpec, parseImage, portNumber, type Parsed } from './run';
import { SwarmRef, UpdateSettings } from './swarm';
import { fileTarget, ServiceFileRefs } from './service-files';
import { Labels } from './swarm-objects';

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** A service name as swarmkit accepts it: a DNS label (`[a-zA-Z0-9]`, then `-`/`_` only between them), 63 characters at most. */
// Linear time on any input. The former `^[a-zA-Z0-9](?:[-_]*[A-Za-z0-9]+)*$` (the same language) backtracked
// exponentially on a long name that then failed: 37 characters ending in "." froze the page, and one such
// call the Node process (zod runs .regex() even after .max() failed).
export const SERVICE_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9_-]*[a-zA-Z0-9])?$/;
/** The most replicas Berth asks a swarm for (a bound of the contract, far above what one swarm runs here). */
export const MAX_REPLICAS = 10_000;
/** A replica count, 0 to MAX_REPLICAS. */
const Replicas = z.number().int().min(0).max(MAX_REPLICAS);

/** A replica count as typed, checked: the number, or the reason it is not one (the dialogs' wording). */
export function readReplicas(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d{1,6}$/.test(t)) return fail('a number of tasks, 0 or more');
  const n = Number(t);
  return n > MAX_REPLICAS ? fail(`at most ${MAX_REPLICAS.toLocaleString('en')} tasks`) : ok(n);
}

export const ServiceName = z.string().min(1).max(63).regex(SERVICE_NAME, 'a service name: letters and digits, with - or _ between them, 63 characters at most');

/** One published port of a service (`EndpointSpec.Ports`): no `published` lets the swarm choose one (30000+). */
export const ServicePort = z.object({
  published: z.number().int().min(1).max(65535).optional(),
  target: z.number().int().min(1).max(65535),
  protocol: z.enum(['tcp', 'udp', 'sctp']),
  /** `ingress`: the routing mesh, every node; `host`: only the node running the task. */
  mode: z.enum(['ingress', 'host']),
});
export type ServicePort = z.infer<typeof ServicePort>;

/** The rolling-update settings (shared/swarm.ts, read there for the Services list too). */
export { UpdateSettings };

/** The CLI's defaults for a new service's rolling updates. */
export const DEFAULT_UPDATE: UpdateSettings = { parallelism: 1, delayNs: 0, failureAction: 'pause', order: 'stop-first' };

/** `--restart-condition` and `--restart-max-attempts` (swarm's `RestartPolicy`; its default condition is `any`). */
export const ServiceRestart = z.object({ condition: z.enum(['any', 'on-failure', 'none']), maxAttempts: z.number().int().min(0).max(1_000_000).optional() }).strict();
export type ServiceRestart = z.infer<typeof ServiceRestart>;

/** A placement constraint, `key==value` or `key!=value` (e.g. `node.role==manager`, `node.labels.zone!=b`); the engine checks the key. */
export const Constraint = z.string().max(512).regex(/^[A-Za-z0-9_.\-]+\s*(==|!=)\s*\S.*$/, 'a constraint: key==value or key!=value, e.g. node.role==worker');

/** Arguments of `swarm.createService`: `docker service create` as data. */
export const ServiceCreateArgs = z
  .object({
    name: ServiceName,
    image: z.string().max(512).refine((s) => parseImage(s).ok, { message: 'not an image reference or ID' }),
    /** The arguments after the image (`ContainerSpec.Args`). */
    command: z.array(z.string().max(131_072)).max(1024),
    /** `--entrypoint` (`ContainerSpec.Command`): one executable; absent, the image's own. */
    entrypoint: z.string().min(1).max(4096).optional(),
    env: z.array(EnvEntry).max(1000),
    ports: z.array(ServicePort).max(100),
    /** Bind mounts (absolute source), named volumes, anonymous volumes (no source), as `--mount`. */
    mounts: z.array(MountSpec).max(100),
    labels: Labels,
    workdir: z.string().max(4096).regex(/^\//, 'the working directory must be absolute').optional(),
    user: z.string().max(256).regex(/^[^\s:]+(:[^\s:]+)?$/, 'user must be name|uid[:group|gid]').optional(),
    network: z.string().max(256).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a network name').optional(),
    restart: ServiceRestart,
    limits: z.object({ nanoCpus: z.number().int().min(1).max(1e12).optional(), memoryBytes: z.number().int().min(4 * 1024 * 1024).max(2 ** 50).optional() }).strict(),
    mode: z.discriminatedUnion('kind', [z.object({ kind: z.literal('replicated'), replicas: Replicas }).strict(), z.object({ kind: z.literal('global') }).strict()]),
    constraints: z.array(Constraint).max(64),
    update: UpdateSettings,
    /** `--secret`: files from swarm secrets, by name (shared/service-files.ts). */
    secrets: ServiceFileRefs,
    /** `--config`: files from swarm configs, by name. */
    configs: ServiceFileRefs,
  })
  .strict()
  // Two files at one path: the engine kept the config and silently dropped the secret (review 16c).
  .superRefine((a, ctx) => {
    const seen = new Map<string, string>();
    for (const [kind, refs] of [['secret', a.secrets], ['config', a.configs]] as const)
      for (const r of refs) {
        const at = fileTarget(kind, r);
        const before = seen.get(at);
        if (before) ctx.addIssue({ code: 'custom', path: [`${kind}s`], message: `${kind} ${r.source} and ${before} would both be the file ${at}: give one another target` });
        else seen.set(at, `${kind} ${r.source}`);
      }
  });
export type ServiceCreateArgs = z.infer<typeof ServiceCreateArgs>;

/** A new service's arguments with every optional part empty: one replica, the CLI's defaults. */
export function emptyServiceArgs(image = ''): ServiceCreateArgs {
  return { name: '', image, command: [], env: [], ports: [], mounts: [], labels: {}, restart: { condition: 'any' }, limits: {}, mode: { kind: 'replicated', replicas: 1 }, constraints: [], update: { ...DEFAULT_UPDATE }, secrets: [], configs: [] };
}

/** Arguments of `swarm.scaleService` (`docker service scale NAME=N`): replicated services only. */
export const ServiceScaleArgs = z.object({ service: SwarmRef, replicas: Replicas }).strict();
export type ServiceScaleArgs = z.infer<typeof ServiceScaleArgs>;

/** Arguments of `swarm.updateServiceImage` (`docker service update --image I --update-…`). */
export const ServiceImageArgs = z.object({ service: SwarmRef, image: ServiceCreateArgs.shape.image, update: UpdateSettings }).strict();
export type ServiceImageArgs = z.infer<typeof ServiceImageArgs>;

/** Arguments of `swarm.rollbackService` and `swarm.removeService`: the service's ID or name. */
export const ServiceRefArgs = z.object({ service: SwarmRef }).strict();
export type ServiceRefArgs = z.infer<typeof ServiceRefArgs>;

/** What the engine answered to a create or an update: the new service's ID (create only) and its warnings. */
export const ServiceWriteResult = z.object({ id: z.string(), warnings: z.array(z.string()) });
export type ServiceWriteResult = z.infer<typeof ServiceWriteResult>;

/**
 * `--publish` text: the short `[published:]target[/protocol]` (the ingress mesh) or the long
 * `published=8080,target=80[,protocol=udp][,mode=host]`. Ranges and host IPs are refused (swarm has neither).
 */
export function parseServicePort(text: string): Parsed<ServicePort> {
  const t = text.trim();
  if (!t) return fail('give a port such as 8080:80');
  if (t.includes('=')) {
    const p: Partial<ServicePort> = { protocol: 'tcp', mode: 'ingress' };
    for (const field of t.split(',')) {
      const [key, value = ''] = field.split('=', 2).map((s) => s.trim());
      if (key === 'target' || key === 'published') {
        const n = portNumber(value, key);
        if (!n.ok) return n;
        p[key] = n.value;
      } else if (key === 'protocol' && (value === 'tcp' || value === 'udp' || value === 'sctp')) p.protocol = value;
      else if (key === 'mode' && (value === 'ingress' || value === 'host')) p.mode = value;
      else return fail(`"${field}" is not published=, target=, protocol=tcp|udp|sctp or mode=ingress|host`);
    }
    return p.target ? ok(p as ServicePort) : fail(`"${t}" has no target= port`);
  }
  const [main, protocol = 'tcp', ...extra] = t.split('/');
  if (extra.length || !['tcp', 'udp', 'sctp'].includes(protocol)) return fail(`protocol must be tcp, udp or sctp (got "${t}")`);
  if (main.includes('-')) return fail('port ranges are not supported: publish each port on its own line');
  const parts = main.split(':');
  if (parts.length > 2) return fail(`"${t}" is not [published:]target[/protocol] (a swarm port has no host IP)`);
  const target = portNumber(parts[parts.length - 1], 'target port');
  if (!target.ok) return target;
  const port: ServicePort = { target: target.value, protocol: protocol as ServicePort['protocol'], mode: 'ingress' };
  if (parts.length === 2 && parts[0] !== '') {
    const published = portNumber(parts[0], 'published port');
    if (!published.ok) return published;
    port.published = published.value;
  }
  return ok(port);
}

/** The CLI text of a port (inverse of parseServicePort): short for the mesh, long for `mode=host`. */
export function formatServicePort(p: ServicePort): string {
  const proto = p.protocol === 'tcp' ? '' : `/${p.protocol}`;
  if (p.mode === 'ingress') return `${p.published ? `${p.published}:` : ''}${p.target}${proto}`;
  return [...(p.published ? [`published=${p.published}`] : []), `target=${p.target}`, ...(p.protocol === 'tcp' ? [] : [`protocol=${p.protocol}`]), 'mode=host'].join(',');
}

const DURATION_UNITS: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9, m: 60e9, h: 3600e9 };

/** Go's `time.ParseDuration` for non-negative durations (`10s`, `1m30s`, `500ms`, `0`), in ns. */
export function parseDuration(text: string): Parsed<number> {
  const t = text.trim();
  if (t === '0') return ok(0);
  const re = /(\d+(?:\.\d*)?|\.\d+)(ns|us|µs|ms|s|m|h)/gy;
  let total = 0;
  let at = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    total += Number(m[1]) * DURATION_UNITS[m[2]];
    at = re.lastIndex;
  }
  if (!t || at !== t.length) return fail(`"${t}" is not a duration such as 10s, 1m30s or 500ms`);
  return ok(Math.round(total));
}

/** A duration in ns as Go prints it (`1m30s`, `500ms`, `0s`): parseDuration reads it back exactly. */
export function formatDuration(ns: number): string {
  if (ns === 0) return '0s';
  if (ns < 1e3) return `${ns}ns`;
  if (ns < 1e6) return `${ns / 1e3}us`;
  if (ns < 1e9) return `${ns / 1e6}ms`;
  const h = Math.floor(ns / 3600e9);
  const m = Math.floor((ns % 3600e9) / 60e9);
  const s = (ns % 60e9) / 1e9;
  return `${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${Number(s.toFixed(9))}s`;
}

const MEMORY_UNITS: Record<string, number> = { '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4, p: 1024 ** 5 };

/** `--limit-memory` as go-units `RAMInBytes` reads it: `64m`, `64MiB`, `1.5g`, `1048576` (binary multipliers). */
export function parseMemory(text: string): Parsed<number> {
  const m = /^(\d+(?:\.\d+)?) ?([kKmMgGtTpP])?[iI]?[bB]?$/.exec(text.trim());
  if (!m) return fail(`"${text.trim()}" is not a size such as 64m, 512MiB or 1g`);
  return ok(Math.floor(Number(m[1]) * MEMORY_UNITS[(m[2] ?? '').toLowerCase()]));
}

/** Bytes in the largest binary unit that holds them exactly (`64MiB`, `1536KiB`, `1000`): parseMemory reads it back. */
export function formatMemory(bytes: number): string {
  for (const [unit, size] of [['PiB', 1024 ** 5], ['TiB', 1024 ** 4], ['GiB', 1024 ** 3], ['MiB', 1024 ** 2], ['KiB', 1024]] as const) if (bytes % size === 0) return `${bytes / size}${unit}`;
  return String(bytes);
}

/** `--limit-cpu` (decimal CPUs, `0.5`, `2`) as nano-CPUs, refusing more precision than 1e-9 as the CLI does. */
export function parseCpus(text: string): Parsed<number> {
  const t = text.trim();
  if (!/^\d+(\.\d{1,9})?$/.test(t)) return fail(`"${t}" is not a number of CPUs such as 0.5 or 2`);
  const nano = Math.round(Number(t) * 1e9);
  return nano > 0 ? ok(nano) : fail('the CPU limit must be more than 0');
}

/** Nano-CPUs as the CLI's decimal text (`0.5`): parseCpus reads it back. */
export const formatCpus = (nano: number): string => String(Number((nano / 1e9).toFixed(9)));
