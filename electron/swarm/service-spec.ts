/**
 * Berth's service arguments (shared/swarm-service-spec.ts) as the Engine API's `ServiceSpec` (moby
 * `api/types/swarm/service.go`, Engine API 1.41 `POST /services/create`), and the changes a scale or an
 * image update makes to a spec read from the engine. Pure: unit-tested without an engine. The mapping is
 * docker/cli's `service create` (`opts.go` `ToService`): `--entrypoint` → `ContainerSpec.Command`, the
 * words after the image → `Args`, `--mount` → `Mounts`, `--restart-*` → `TaskTemplate.RestartPolicy`,
 * `--limit-*` → `Resources.Limits`, `--constraint` → `Placement.Constraints`, `-p` → `EndpointSpec.Ports`,
 * `--secret` / `--config` → `ContainerSpec.Secrets` / `Configs` (`opts/secret.go`, `opts/config.go`: the file's
 * `Name` is the target, the object's name when none is given; the engine then places it under `/run/secrets/` or `/`).
 */
import type { ServiceFileKind, ServiceFileRef } from '../../shared/service-files';
import type { ServiceCreateArgs, UpdateSettings } from '../../shared/swarm-service-spec';

/** A reference's file as the engine's `SecretReferenceFileTarget` / `ConfigReferenceFileTarget`. */
export interface EngineFileTarget {
  Name: string;
  UID: string;
  GID: string;
  /** Permission bits (Go's `os.FileMode`, a number in JSON). */
  Mode: number;
}

/** A secret's or config's ID, by kind and name: what the main process read from the swarm before a create. */
export type FileIdOf = (kind: ServiceFileKind, name: string) => string;

/** The parts of moby's `ServiceSpec` Berth writes; whatever else a spec read from the engine holds is kept as it is. */
export interface EngineServiceSpec {
  Name?: string;
  Labels?: Record<string, string>;
  TaskTemplate?: {
    ContainerSpec?: {
      Image?: string;
      Command?: string[];
      Args?: string[];
      Env?: string[];
      Dir?: string;
      User?: string;
      Mounts?: { Type: 'bind' | 'volume'; Source?: string; Target: string; ReadOnly?: boolean }[];
      Secrets?: { SecretID: string; SecretName: string; File: EngineFileTarget }[];
      Configs?: { ConfigID: string; ConfigName: string; File: EngineFileTarget }[];
      [k: string]: unknown;
    };
    RestartPolicy?: { Condition?: string; MaxAttempts?: number; [k: string]: unknown };
    Resources?: { Limits?: { NanoCPUs?: number; MemoryBytes?: number } };
    Placement?: { Constraints?: string[]; [k: string]: unknown };
    Networks?: { Target: string }[];
    [k: string]: unknown;
  };
  Mode?: { Replicated?: { Replicas?: number }; Global?: object; ReplicatedJob?: object; GlobalJob?: object };
  UpdateConfig?: { Parallelism?: number; Delay?: number; FailureAction?: string; Order?: string; [k: string]: unknown };
  EndpointSpec?: { Ports?: { Protocol: string; TargetPort: number; PublishedPort?: number; PublishMode: string }[]; [k: string]: unknown };
  [k: string]: unknown;
}

/** `UpdateConfig` for `u`, keeping what the spec had besides (monitor, max failure ratio). */
export function withUpdateConfig(current: EngineServiceSpec['UpdateConfig'], u: UpdateSettings): NonNullable<EngineServiceSpec['UpdateConfig']> {
  return { ...(current ?? {}), Parallelism: u.parallelism, Delay: u.delayNs, FailureAction: u.failureAction, Order: u.order };
}

/** The file of a reference as the CLI writes it: `Name` the target (the object's name by default). */
const fileOf = (r: ServiceFileRef): EngineFileTarget => ({ Name: r.target ?? r.source, UID: r.uid, GID: r.gid, Mode: r.mode });

/**
 * The `ServiceSpec` of `docker service create` for `a`. `idOf` gives the ID of each secret and config named
 * (the engine's references need both the ID and the name); without any, `idOf` is not called.
 */
export function toServiceSpec(a: ServiceCreateArgs, idOf: FileIdOf = (kind, name) => { throw new Error(`no ID for ${kind} ${name}`); }): EngineServiceSpec {
  const limits = { ...(a.limits.nanoCpus !== undefined ? { NanoCPUs: a.limits.nanoCpus } : {}), ...(a.limits.memoryBytes !== undefined ? { MemoryBytes: a.limits.memoryBytes } : {}) };
  return {
    Name: a.name,
    Labels: { ...a.labels },
    TaskTemplate: {
      ContainerSpec: {
        Image: a.image,
        ...(a.entrypoint !== undefined ? { Command: [a.entrypoint] } : {}),
        ...(a.command.length ? { Args: [...a.command] } : {}),
        ...(a.env.length ? { Env: [...a.env] } : {}),
        ...(a.workdir ? { Dir: a.workdir } : {}),
        ...(a.user ? { User: a.user } : {}),
        ...(a.mounts.length
          ? { Mounts: a.mounts.map((m) => ({ Type: m.source?.startsWith('/') ? ('bind' as const) : ('volume' as const), ...(m.source ? { Source: m.source } : {}), Target: m.target, ReadOnly: m.readOnly })) }
          : {}),
        ...(a.secrets.length ? { Secrets: a.secrets.map((r) => ({ SecretID: idOf('secret', r.source), SecretName: r.source, File: fileOf(r) })) } : {}),
        ...(a.configs.length ? { Configs: a.configs.map((r) => ({ ConfigID: idOf('config', r.source), ConfigName: r.source, File: fileOf(r) })) } : {}),
      },
      RestartPolicy: { Condition: a.restart.condition, ...(a.restart.maxAttempts !== undefined ? { MaxAttempts: a.restart.maxAttempts } : {}) },
      ...(Object.keys(limits).length ? { Resources: { Limits: limits } } : {}),
      ...(a.constraints.length ? { Placement: { Constraints: [...a.constraints] } } : {}),
      ...(a.network ? { Networks: [{ Target: a.network }] } : {}),
    },
    Mode: a.mode.kind === 'global' ? { Global: {} } : { Replicated: { Replicas: a.mode.replicas } },
    UpdateConfig: withUpdateConfig(undefined, a.update),
    ...(a.ports.length
      ? { EndpointSpec: { Ports: a.ports.map((p) => ({ Protocol: p.protocol, TargetPort: p.target, ...(p.published ? { PublishedPort: p.published } : {}), PublishMode: p.mode })) } }
      : {}),
  };
}

/**
 * The spec scaled to `replicas` (`docker service scale`).
 * @returns null when the service is not replicated (a global service has one task per node).
 */
export function scaledSpec(spec: EngineServiceSpec, replicas: number): EngineServiceSpec | null {
  if (!spec.Mode?.Replicated) return null;
  return { ...spec, Mode: { ...spec.Mode, Replicated: { ...spec.Mode.Replicated, Replicas: replicas } } };
}

/**
 * The spec with a new image and rolling-update settings (`docker service update --image I --update-…`).
 * `TaskTemplate.ForceUpdate` is left as it is: a new image alone makes the tasks roll.
 */
export function imageSpec(spec: EngineServiceSpec, image: string, u: UpdateSettings): EngineServiceSpec {
  const template = spec.TaskTemplate ?? {};
  return { ...spec, TaskTemplate: { ...template, ContainerSpec: { ...(template.ContainerSpec ?? {}), Image: image } }, UpdateConfig: withUpdateConfig(spec.UpdateConfig, u) };
}

/** The service's mode as Berth names it (for refusals): `replicated`, `global`, `replicated-job`, `global-job`. */
export function modeOf(spec: EngineServiceSpec): string {
  const m = spec.Mode ?? {};
  return m.Global ? 'global' : m.ReplicatedJob ? 'replicated-job' : m.GlobalJob ? 'global-job' : 'replicated';
}
