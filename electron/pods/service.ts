/**
 * Podman pods through the libpod API (`/v4.0.0/libpod/pods/…`, `/libpod/play/kube`, `/libpod/generate/kube`;
 * Podman 4 serves the libpod API beside its Docker-compatible one, on the same socket). Docker engines have
 * no pods: every method refuses with `Unsupported` before sending anything.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { MethodArgs, MethodResult } from '../../shared/api';
import type { PodSummary } from '../../shared/pods';
import { dial } from '../engine/dial';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { writeViaPartial } from '../files/partial';

/** The libpod API version Berth speaks (Podman 4.0+ serves it; Podman 5 still accepts it). */
const LIBPOD = '/v4.0.0/libpod';

/** `GET /libpod/pods/json` entries (Podman 4.3), the fields Berth reads. */
interface RawPod {
  Id?: string;
  Name?: string;
  Status?: string;
  Created?: string;
  InfraId?: string;
  Containers?: { Id?: string; Names?: string; Status?: string }[] | null;
  Networks?: string[] | null;
  Labels?: Record<string, string> | null;
}

/** `GET /libpod/pods/{name}/json` (pod inspect), for the infra container's published ports. */
interface RawPodInspect {
  InfraConfig?: { PortBindings?: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null } | null;
}

/** `POST /libpod/play/kube` answer (Podman 4.3). */
interface RawPlay {
  Pods?: { ID?: string; Containers?: string[] | null; ContainerErrors?: string[] | null }[] | null;
}

/** `docker ps`-style port texts from a PortBindings map: `0.0.0.0:8080->80/tcp`. */
export function portTexts(bindings: Record<string, { HostIp?: string; HostPort?: string }[] | null> | null | undefined): string[] {
  const out: string[] = [];
  for (const [port, hosts] of Object.entries(bindings ?? {})) {
    for (const h of hosts ?? []) out.push(`${h.HostIp || '0.0.0.0'}:${h.HostPort ?? ''}->${port}`);
  }
  return out.sort();
}

export class PodsService {
  constructor(private readonly engine: Engine) {}

  /** @throws BerthError `Unsupported` on a Docker engine (nothing is sent). */
  private async podman(): Promise<void> {
    if ((await this.engine.kind()) !== 'podman') {
      throw new BerthError('Unsupported', `${this.engine.host.display} is a Docker engine: pods need Podman (podman pod, podman kube play)`);
    }
  }

  private request<T>(method: string, path: string, o: { query?: Record<string, unknown>; statusCodes?: Record<number, true | string>; file?: Buffer; headers?: Record<string, string> } = {}): Promise<T> {
    return this.engine.call((d) =>
      dial<T>(d, {
        path: `${LIBPOD}${path}`,
        method,
        ...(o.query ? { query: o.query } : {}),
        ...(o.file ? { file: o.file } : {}),
        ...(o.headers ? { headers: o.headers } : {}),
        statusCodes: o.statusCodes ?? { 200: true, 204: true, 304: true, 400: 'bad parameter', 404: 'no such pod', 409: 'conflict', 500: 'server error' },
      }),
    );
  }

  /** Every pod (`podman pod ps`), each with its containers and the infra container's published ports. */
  async list(): Promise<PodSummary[]> {
    await this.podman();
    const raw = (await this.request<RawPod[] | null>('GET', '/pods/json')) ?? [];
    return Promise.all(
      raw.map(async (p) => {
        const id = p.Id ?? '';
        const inspect = await this.request<RawPodInspect>('GET', `/pods/${id}/json`).catch(() => null);
        return {
          id,
          name: p.Name ?? id.slice(0, 12),
          status: p.Status ?? 'unknown',
          created: p.Created ? Date.parse(p.Created) || 0 : 0,
          infraId: p.InfraId ?? '',
          containers: (p.Containers ?? []).map((c) => ({ id: c.Id ?? '', name: c.Names ?? '', state: c.Status ?? '', infra: !!p.InfraId && c.Id === p.InfraId })),
          networks: p.Networks ?? [],
          ports: portTexts(inspect?.InfraConfig?.PortBindings),
          labels: p.Labels ?? {},
        };
      }),
    );
  }

  /**
   * `podman pod start|stop|restart|pause|unpause NAME`. Podman answers per-container failures in `Errs`
   * (with 200 or 409): any is thrown. @throws BerthError NotFound, Unsupported, Conflict, EngineError.
   */
  async act(a: MethodArgs<'pods.act'>): Promise<MethodResult<'pods.act'>> {
    await this.podman();
    const query = a.timeoutSeconds !== undefined && (a.action === 'stop' || a.action === 'restart') ? { t: a.timeoutSeconds } : undefined;
    const answer = await this.request<{ Errs?: unknown[] | null } | null>('POST', `/pods/${a.pod}/${a.action}`, query ? { query } : {});
    const errs = answer?.Errs ?? [];
    if (errs.length) throw new BerthError('EngineError', `${a.action} ${a.pod}: ${errs.map((e) => (typeof e === 'string' ? e : JSON.stringify(e))).join('; ')}`);
    return null;
  }

  /**
   * `podman pod rm [-f] NAME`: with `force`, running containers are stopped first. Podman 4.3 removes a pod's
   * containers one by one, not at once: a forced removal can fail on a member another member depends on ("a
   * container that depends on container … cannot be removed", seen in a clean-clone CI run after a refused
   * removal without force); a forced removal is then asked once more, as the members left are stopped by then.
   */
  async remove(a: MethodArgs<'pods.remove'>): Promise<MethodResult<'pods.remove'>> {
    await this.podman();
    const query = { force: a.force ?? false, ...(a.timeoutSeconds !== undefined ? { timeout: a.timeoutSeconds } : {}) };
    try {
      await this.request('DELETE', `/pods/${a.pod}`, { query });
    } catch (err) {
      if (!a.force || !/depends on container|cannot remove container/.test((err as Error).message)) throw err;
      await this.request('DELETE', `/pods/${a.pod}`, { query });
    }
    return null;
  }

  /**
   * `podman kube play` of Kubernetes YAML (Pod, Deployment…), sent as the body of `/libpod/play/kube`.
   * @throws BerthError with the engine's reason (invalid YAML, a name in use, an image missing).
   */
  async play(a: MethodArgs<'pods.play'>): Promise<MethodResult<'pods.play'>> {
    await this.podman();
    const raw = await this.request<RawPlay>('POST', '/play/kube', { file: Buffer.from(a.yaml, 'utf8'), headers: { 'Content-Type': 'application/yaml' } });
    return { pods: (raw.Pods ?? []).map((p) => ({ id: p.ID ?? '', containers: p.Containers ?? [], errors: p.ContainerErrors ?? [] })) };
  }

  /** `podman kube generate` of pods or containers: the Kubernetes YAML text. */
  async generate(a: MethodArgs<'pods.generate'>): Promise<MethodResult<'pods.generate'>> {
    await this.podman();
    const yaml = await this.request<string | Buffer | object>('GET', '/generate/kube', { query: { names: a.names, service: false } });
    return { yaml: typeof yaml === 'string' ? yaml : Buffer.isBuffer(yaml) ? yaml.toString('utf8') : JSON.stringify(yaml) };
  }

  /**
   * `podman kube generate -f PATH`: the YAML written to `path` through a partial file renamed when complete.
   * @throws BerthError `NotFound` (no such folder), `Conflict` (the file exists and `overwrite` is not set),
   *   `ValidationError` (a folder or something that is not a regular file is there), the engine's errors.
   */
  async saveYaml(a: MethodArgs<'pods.saveYaml'>): Promise<MethodResult<'pods.saveYaml'>> {
    const dir = path.dirname(a.path);
    if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new BerthError('NotFound', `no such folder: ${dir}`);
    const there = fs.lstatSync(a.path, { throwIfNoEntry: false });
    if (there && !there.isFile()) throw new BerthError('ValidationError', `${a.path} is not a regular file: choose another name`);
    if (there && !a.overwrite) throw new BerthError('Conflict', `${a.path} exists: choose another name or allow replacing it`);
    const { yaml } = await this.generate({ names: a.names });
    const bytes = Buffer.from(yaml, 'utf8');
    try {
      await writeViaPartial(a.path, (out) => new Promise<void>((resolve, reject) => out.end(bytes, () => resolve()).once('error', reject)));
    } catch (err) {
      throw err instanceof BerthError ? err : new BerthError('EngineError', `could not write ${a.path}: ${(err as Error).message}`);
    }
    return { bytes: bytes.length };
  }
}
