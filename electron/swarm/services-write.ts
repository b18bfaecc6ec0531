/**
 * Service writes on a swarm manager (issue #16): `docker service create`, `scale`, `update --image
 * --update-…`, `update` (resuming a paused update), `rollback` and `rm`, with manage.ts's rules (Podman refused before any request, a worker
 * told which managers to ask, gRPC wording cut, every call bounded by SWARM_WAIT_MS).
 *
 * An update sends the whole spec read with its `Version.Index` (`POST /services/{id}/update?version=N`); when
 * another change came between the read and the write ("update out of sequence") it reads again and retries
 * once, as nodes.ts does. A rollback is docker/cli's: the current spec with `rollback=previous` (the engine
 * then applies `PreviousSpec`, refused first here when there is none). The image's registry credentials, when
 * Berth holds some (registry/service.ts), go in `X-Registry-Auth` as the engine expects for a private image
 * (the engine keeps them in the spec for the nodes' pulls); without, no header is sent, and an update keeps
 * the credentials the spec had (`registryAuthFrom=spec`, the engine's default).
 *
 * What dockerode 5 sends, read in its source: `createService(auth, spec)` posts `/services/create` with the
 * spec as body and no query, but resolves a Service object and drops the engine's `Warnings`, so the create is
 * dialled here through its modem with the same options; `service.update({ _query, _body, authconfig })` puts
 * `_query` alone in the URL (`version`, `rollback`) and `_body` alone in the body; `service.remove()` sends
 * `DELETE /services/{id}` with nothing else.
 */
import type { ServiceFileKind } from '../../shared/service-files';
import type { ServiceCreateArgs, ServiceImageArgs, ServiceRefArgs, ServiceScaleArgs, ServiceWriteResult } from '../../shared/swarm-service-spec';
import { parseReference } from '../../shared/reference';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import type { AuthConfig, RegistryService } from '../registry/service';
import { managerOnly } from './manage';
import { SwarmObjects } from './objects';
import { imageSpec, modeOf, scaledSpec, toServiceSpec, type EngineServiceSpec } from './service-spec';

/** A `/services/{id}` answer as far as a write reads it. */
interface RawServiceState {
  ID: string;
  Version?: { Index?: number };
  Spec?: EngineServiceSpec;
  PreviousSpec?: EngineServiceSpec | null;
  UpdateStatus?: { State?: string } | null;
}

/** The engine's answer to a create or an update (`ServiceCreateResponse`, `ServiceUpdateResponse`). */
interface RawWriteAnswer {
  ID?: string;
  Warnings?: string[] | null;
}

/** The docker-modem `dial` the create goes through (dockerode's own `createService` options). */
type Dial = (options: object, callback: (err: unknown, data: RawWriteAnswer) => void) => void;

/** How many times a service write is tried when the engine answers `update out of sequence`. */
const OUT_OF_SEQUENCE_TRIES = 4;

export class SwarmServiceWrites {
  constructor(
    private readonly engine: Engine,
    private readonly registry?: Pick<RegistryService, 'authFor'>,
  ) {}

  /**
   * Create a service (`POST /services/create`). Resolves once the manager accepted the spec: its tasks are
   * then scheduled on the swarm's time (seen in `swarm.tasks`).
   * Its secrets and configs are named: each name is read to its ID first (`docker service create` does the
   * same, in `ParseSecrets` / `ParseConfigs`), so a missing one is refused before anything is created.
   * @throws BerthError `NotFound` "no secret named X" / "no config named X", `Conflict` (a service of that
   * name exists), `EngineError` with the engine's message (an image reference it refuses, a network it does
   * not know, a constraint it cannot read, two files with one target), `Unsupported`.
   */
  async create(a: ServiceCreateArgs): Promise<ServiceWriteResult> {
    const ids = { secret: await this.idsOf('secret', a.secrets.map((r) => r.source)), config: await this.idsOf('config', a.configs.map((r) => r.source)) };
    const spec = toServiceSpec(a, (kind, name) => ids[kind].get(name) ?? '');
    const auth = await this.authOf(a.image);
    const made = await managerOnly(this.engine, 'creates services', (d) =>
      new Promise<RawWriteAnswer>((resolve, reject) => {
        (d.modem as { dial: Dial }).dial(
          { path: '/services/create', method: 'POST', options: spec, ...(auth ? { authconfig: auth } : {}), statusCodes: { 200: true, 201: true, 400: 'bad parameter', 403: 'forbidden', 409: 'name conflicts with an existing service', 500: 'server error', 503: 'node is not part of a swarm' } },
          (err, data) => (err ? reject(err) : resolve(data)),
        );
      }),
    );
    return { id: made.ID ?? '', warnings: made.Warnings ?? [] };
  }

  /**
   * The IDs of the secrets (or configs) named, by name; nothing is asked for no name.
   * @throws BerthError `NotFound` "no secret named X" (every missing name), `Unsupported` unless a manager.
   */
  private async idsOf(kind: ServiceFileKind, names: string[]): Promise<Map<string, string>> {
    if (!names.length) return new Map();
    const ids = new Map((await new SwarmObjects(this.engine, kind).list()).map((o) => [o.name, o.id]));
    const missing = [...new Set(names.filter((n) => !ids.has(n)))];
    if (missing.length) throw new BerthError('NotFound', `no ${kind} named ${missing.join(', ')}: create it in the ${kind === 'secret' ? 'Secrets' : 'Configs'} tab first`);
    return ids;
  }

  /**
   * Set a replicated service's replica count (`docker service scale NAME=N`).
   * @throws BerthError `Conflict` for a service that is not replicated (saying its mode), `NotFound`, `EngineError`, `Unsupported`.
   */
  scale(a: ServiceScaleArgs): Promise<ServiceWriteResult> {
    return this.update(a.service, 'scales services', (s) => {
      const spec = scaledSpec(s.Spec ?? {}, a.replicas);
      if (!spec) throw new BerthError('Conflict', `${s.Spec?.Name ?? a.service} is a ${modeOf(s.Spec ?? {})} service: only a replicated service has a replica count to scale (a global one runs one task on every node that may take it)`);
      return spec;
    });
  }

  /**
   * A new image, rolled out with the given rolling-update settings (`docker service update --image`).
   * @throws BerthError `NotFound`, `EngineError` (an image reference the engine refuses), `Unsupported`.
   */
  async updateImage(a: ServiceImageArgs): Promise<ServiceWriteResult> {
    const auth = await this.authOf(a.image);
    return this.update(a.service, 'updates services', (s) => imageSpec(s.Spec ?? {}, a.image, a.update), {}, auth);
  }

  /**
   * Roll back to the previous spec (`docker service rollback`).
   * @throws BerthError `Conflict` when the service has no previous spec (never updated), `NotFound`, `EngineError`, `Unsupported`.
   */
  rollback(a: ServiceRefArgs): Promise<ServiceWriteResult> {
    return this.update(
      a.service,
      'rolls services back',
      (s) => {
        if (!s.PreviousSpec) throw new BerthError('Conflict', `${s.Spec?.Name ?? a.service} has no previous spec to roll back to: it was never updated`);
        return s.Spec ?? {};
      },
      { rollback: 'previous' },
    );
  }

  /**
   * Resume a paused update or rollback (UpdateStatus `paused` / `rollback_paused`) as the Docker documentation says
   * ("To restart a paused update run `docker service update <SERVICE-ID>`", Swarm tutorial "Apply rolling updates"):
   * the service's own spec written back unchanged at its version, as `docker service update SERVICE` with no flags
   * sends it (docker/cli cli/command/service/update.go: the spec read, `registryAuthFrom=spec`). The manager then
   * drops the UpdateStatus (swarmkit manager/controlapi/service.go UpdateService: `service.UpdateStatus = nil`) and
   * the updater takes the tasks not yet on the spec again (`updating`, then `completed`; no UpdateStatus at all when
   * every task already was). The same call also makes `PreviousSpec` a copy of the current spec, so a Rollback after
   * a resume no longer goes back to the image before the paused update. A paused rollback resumes as an update
   * (`updating`, then `completed`) to the spec it was rolling back to. Both seen on the test swarm (Docker 20.10).
   * @throws BerthError `Conflict` when no update or rollback of the service is paused (saying its state), `NotFound`,
   * `EngineError`, `Unsupported`.
   */
  resume(a: ServiceRefArgs): Promise<ServiceWriteResult> {
    return this.update(a.service, 'updates services', (s) => {
      const state = s.UpdateStatus?.State;
      if (state !== 'paused' && state !== 'rollback_paused') {
        throw new BerthError('Conflict', `${s.Spec?.Name ?? a.service} has no paused update to resume (${state ? `its last update is ${state.replace('_', ' ')}` : 'it has no update under way'})`);
      }
      return s.Spec ?? {};
    });
  }

  /**
   * Remove a service (`docker service rm`): the swarm stops its tasks on every node.
   * @throws BerthError `NotFound`, `Unsupported`.
   */
  async remove(a: ServiceRefArgs): Promise<null> {
    await managerOnly(this.engine, 'removes services', (d) => d.getService(a.service).remove() as Promise<unknown>);
    return null;
  }

  /**
   * Read the service, change its spec with `next` and write it at the version read; read and written again
   * when out of sequence, up to OUT_OF_SEQUENCE_TRIES times in all: the swarm itself bumps the version while
   * an update rolls (UpdateStatus), so a write racing another can lose twice in a row (seen under load).
   */
  private async update(ref: string, action: string, next: (s: RawServiceState) => EngineServiceSpec, query: Record<string, string> = {}, auth?: AuthConfig): Promise<ServiceWriteResult> {
    for (let attempt = 0; ; attempt++) {
      const current = await managerOnly(this.engine, action, (d) => d.getService(ref).inspect() as Promise<RawServiceState>);
      const version = current.Version?.Index;
      if (version === undefined) throw new BerthError('EngineError', `the engine gave service ${ref} no version: it cannot be updated`);
      const spec = next(current);
      try {
        // dockerode takes `authconfig` out of the options into X-Registry-Auth; without it no header is sent.
        const options = { _query: { version, ...query }, _body: spec, ...(auth ? { authconfig: auth } : {}) };
        const answer = await managerOnly(this.engine, action, (d) => d.getService(current.ID).update(options) as Promise<RawWriteAnswer | null>);
        return { id: current.ID, warnings: answer?.Warnings ?? [] };
      } catch (err) {
        if (attempt < OUT_OF_SEQUENCE_TRIES - 1 && err instanceof BerthError && /update out of sequence/i.test(err.message)) continue;
        throw err;
      }
    }
  }

  /** The stored credential for the image's registry, or undefined when Berth holds none (no header then). */
  private async authOf(image: string): Promise<AuthConfig | undefined> {
    const ref = parseReference(image);
    if (!ref.ok || !this.registry) return undefined;
    const auth = await this.registry.authFor(ref.reference.authKey);
    return Object.keys(auth).length ? auth : undefined;
  }
}
