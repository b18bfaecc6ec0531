/**
 * Secrets and configs of a swarm (issue #16): `docker secret ls|create|rm`, `docker config ls|create|rm`, on a
 * manager. Their data is never read back nor shown: the lists drop it (the engine sends a config's data in
 * `/configs`; one rule for both), and it goes to the engine once, in the request body only.
 *
 * dockerode's `createSecret(opts)` / `createConfig(opts)` would also put every option in the URL's query
 * (docker-modem builds the query from the options when the path ends with `?`): the data would travel in the
 * request line. So the spec is sent as `_body` with an empty `_query`.
 */
import type { SwarmObject, SwarmObjectCreateArgs, SwarmObjectRemoveArgs } from '../../shared/swarm-objects';
import { SWARM_DATA_LIMIT } from '../../shared/swarm-objects';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { engineTime } from '../engine/time';
import { managerOnly } from './manage';

/** A `/secrets` or `/configs` entry as far as Berth reads it (never `Spec.Data`). */
interface RawObject {
  ID: string;
  CreatedAt?: string;
  UpdatedAt?: string;
  Spec?: { Name?: string; Labels?: Record<string, string> | null };
}

/** A `/secrets` or `/configs` entry as {@link SwarmObject}: only name, ID, times and labels are copied. Pure. */
export function toSwarmObject(o: RawObject): SwarmObject {
  return { id: o.ID, name: o.Spec?.Name ?? o.ID, createdAt: engineTime(o.CreatedAt), updatedAt: engineTime(o.UpdatedAt), labels: { ...(o.Spec?.Labels ?? {}) } };
}

/**
 * The decoded size of base64 `data`, bytes, refused unless 1 ≤ size < the kind's limit (the engine's own rule).
 * @throws BerthError `ValidationError` saying the limit.
 */
export function checkDataSize(kind: 'secret' | 'config', data: string): number {
  const size = Buffer.byteLength(data, 'base64');
  const limit = SWARM_DATA_LIMIT[kind];
  if (size < 1) throw new BerthError('ValidationError', `a ${kind} needs data: it is empty`);
  if (size >= limit) throw new BerthError('ValidationError', `a ${kind}'s data must be less than ${limit / 1024} KiB (${limit} bytes): this is ${size} bytes`);
  return size;
}

export class SwarmObjects {
  constructor(private readonly engine: Engine, private readonly kind: 'secret' | 'config') {}

  /**
   * Every secret (or config), by name, without data.
   * @throws BerthError `Unsupported` unless a manager.
   */
  async list(): Promise<SwarmObject[]> {
    const raw = await managerOnly(this.engine, `lists ${this.kind}s`, (d) => (this.kind === 'secret' ? d.listSecrets() : d.listConfigs()) as Promise<RawObject[]>);
    return raw.map(toSwarmObject).sort((a, b) => a.name.localeCompare(b.name));
  }

  /**
   * Create one from base64 data (`POST /secrets/create`, `/configs/create`). A name in use is refused with
   * `Conflict` "a secret named X already exists".
   * @throws BerthError `ValidationError` (size), `Conflict`, `Unsupported`, `EngineError`.
   */
  async create(a: SwarmObjectCreateArgs): Promise<{ id: string }> {
    checkDataSize(this.kind, a.data);
    const spec = { Name: a.name, Labels: a.labels, Data: a.data };
    try {
      const made = await managerOnly(this.engine, `creates ${this.kind}s`, (d) =>
        (this.kind === 'secret' ? d.createSecret({ _query: {}, _body: spec }) : d.createConfig({ _query: {}, _body: spec })) as Promise<{ id?: string; ID?: string }>,
      );
      return { id: made.id ?? made.ID ?? '' };
    } catch (err) {
      if (err instanceof BerthError && err.name === 'Conflict') throw new BerthError('Conflict', `a ${this.kind} named ${a.name} already exists`);
      throw err;
    }
  }

  /**
   * Remove one by ID or name. The engine refuses one a service uses, naming the services.
   * @throws BerthError `NotFound`, `EngineError` ("secret 'x' is in use by the following service: web"), `Unsupported`.
   */
  async remove(a: SwarmObjectRemoveArgs): Promise<null> {
    await managerOnly(this.engine, `removes ${this.kind}s`, (d) => (this.kind === 'secret' ? d.getSecret(a.id).remove() : d.getConfig(a.id).remove()) as Promise<unknown>);
    return null;
  }
}
