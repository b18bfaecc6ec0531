/**
 * One engine connection: two dockerode clients on the same host — one with a request timeout for
 * ordinary calls, one without for long-lived streams (docker-modem's `timeout` kills streams, see
 * docs/ARCHITECTURE.md) — and what the engine says of itself.
 */
import Docker from 'dockerode';
import type { EngineInfo } from '../../shared/model';
import { resolveEngineHost, type EngineHost } from './host';
import { toBerthError } from './errors';
import { guardClient } from './guard';
import { fresh } from './fresh';

/** Timeout for ordinary (non-streaming) engine calls, ms. */
export const REQUEST_TIMEOUT_MS = 30_000;

export class Engine {
  /** For request/response calls; times out after REQUEST_TIMEOUT_MS. */
  readonly docker: Docker;
  /** For events, logs, stats and sessions; never times out. */
  readonly streams: Docker;

  constructor(readonly host: EngineHost = resolveEngineHost()) {
    // Both clients check every path before sending it and never follow a redirect (guard.ts).
    this.docker = guardClient(new Docker({ ...host.options, timeout: REQUEST_TIMEOUT_MS }));
    this.streams = guardClient(new Docker({ ...host.options }));
  }

  /** Run an engine call, turning its failure into a readable BerthError naming this engine. */
  async call<T>(fn: (docker: Docker) => Promise<T>): Promise<T> {
    const start = performance.now();
    try {
      return await fn(this.docker);
    } catch (err) {
      throw toBerthError(err, this.host.display, { elapsedMs: performance.now() - start, timeoutMs: REQUEST_TIMEOUT_MS });
    }
  }

  /**
   * What the engine says of itself (`GET /version`, and `GET /info` for rootless).
   * @throws BerthError `EngineUnreachable` when nothing answers.
   */
  async identify(): Promise<EngineInfo> {
    const [v, security] = await Promise.all([
      this.call((d) => d.version()),
      this.call((d) => d.info() as Promise<{ SecurityOptions?: string[] | null }>).then(
        (i) => i.SecurityOptions ?? [],
        () => null,
      ),
    ]);
    const info = identifyVersion(v as unknown as VersionAnswer, this.host.display);
    if (security) info.rootless = security.some((o) => o.split(',').includes('name=rootless'));
    this.knownKind = info.kind;
    return info;
  }

  /**
   * `GET /system/df`. Docker runs one disk-usage computation at a time and answers a second one with
   * HTTP 500 "a disk usage operation is already running": Berth's own callers never collide (one request
   * at a time, callers during one share the next: engine/fresh.ts), and a collision with another client
   * (the docker CLI) is retried (up to ~3 s). Each answer was computed after the call was made.
   * @throws BerthError as `call`.
   */
  df<T = unknown>(): Promise<T> {
    return this.dfFresh() as Promise<T>;
  }

  private readonly dfFresh = fresh(() => this.dfOnce());

  private async dfOnce(): Promise<unknown> {
    for (let attempt = 0; ; attempt++) {
      try {
        return await this.call((d) => d.df());
      } catch (err) {
        if (attempt >= 15 || !/disk usage operation is already running/.test((err as Error).message)) throw err;
        await new Promise((r) => setTimeout(r, 200));
      }
    }
  }

  private knownKind: EngineInfo['kind'] | undefined;

  /**
   * Docker or Podman, asked once per connection (features differ: see docs/ARCHITECTURE.md's engine pitfalls).
   * @throws BerthError `EngineUnreachable` when nothing answers.
   */
  async kind(): Promise<EngineInfo['kind']> {
    return this.knownKind ?? (await this.identify()).kind;
  }
}

/** The parts of `GET /version` Berth reads. */
export interface VersionAnswer {
  Version?: string;
  ApiVersion?: string;
  Os?: string;
  Arch?: string;
  Components?: { Name?: string; Version?: string }[];
}

/** Podman's compat API lists a component named "Podman Engine"; Docker lists "Engine". */
export function identifyVersion(v: VersionAnswer, host: string): EngineInfo {
  const podman = (v.Components ?? []).find((c) => /podman/i.test(c.Name ?? ''));
  return {
    kind: podman ? 'podman' : 'docker',
    version: podman?.Version ?? v.Version ?? 'unknown',
    apiVersion: v.ApiVersion ?? 'unknown',
    os: v.Os ?? 'unknown',
    arch: v.Arch ?? 'unknown',
    host,
  };
}
