/**
 * A small client of the registry HTTP API v2 (distribution spec): the repositories of a registry
 * (`GET /v2/_catalog`, paginated by the `Link` header) and a repository's tags (`GET /v2/<name>/tags/list`).
 * Authentication as the registry demands it in `WWW-Authenticate`: `Basic` with the stored credential,
 * or `Bearer` with a token fetched from the named realm (Docker's token protocol, the credential sent as
 * basic auth to the realm).
 */
import authHeader from 'auth-header';
import LinkHeader from 'http-link-header';
import { BerthError } from '../engine/errors';
import type { Credential } from './credentials';

/** Time allowed for one request to a registry, ms. */
const REQUEST_TIMEOUT_MS = 15_000;
/** Pages of the catalog read at most (100 repositories each). */
const MAX_PAGES = 50;

/**
 * The base URL for a registry host. Loopback registries are plain HTTP, as the engine treats
 * 127.0.0.0/8 and localhost as insecure by default; every other host is HTTPS.
 */
export function registryBaseUrl(host: string): string {
  const hostname = host.replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
  const loopback = hostname === 'localhost' || /^127\./.test(hostname) || hostname === '::1';
  if (host === 'docker.io' || host === 'https://index.docker.io/v1/') return 'https://registry-1.docker.io';
  return `${loopback ? 'http' : 'https'}://${host}`;
}

export class RegistryClient {
  private token: string | null = null;

  constructor(
    private readonly host: string,
    private readonly credential: Credential | null,
  ) {}

  /** Every repository the registry lists (at most MAX_PAGES × 100). */
  async repositories(): Promise<string[]> {
    const names: string[] = [];
    let next: string | null = '/v2/_catalog?n=100';
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const res = await this.get(next, 'registry:catalog:*');
      const body = (await res.json()) as { repositories?: string[] };
      names.push(...(body.repositories ?? []));
      const link = res.headers.get('link');
      next = link ? (LinkHeader.parse(link).rel('next')[0]?.uri ?? null) : null;
    }
    return names;
  }

  /**
   * Whether the registry accepts the credential: `GET /v2/` answered 200 after authenticating.
   * @throws BerthError `Unauthorized` when refused, `RegistryUnreachable`, `RegistryError`.
   */
  async checkLogin(): Promise<void> {
    await this.get('/v2/', 'registry:catalog:*');
  }

  /** The tags of `repository`, sorted; empty when it has none. */
  async tags(repository: string): Promise<string[]> {
    const res = await this.get(`/v2/${repository}/tags/list`, `repository:${repository}:pull`);
    const body = (await res.json()) as { tags?: string[] | null };
    return [...(body.tags ?? [])].sort();
  }

  /**
   * GET a path, authenticating as the registry asks on a 401.
   * @throws BerthError `Unauthorized` (credentials missing or refused), `NotFound`, `RegistryUnreachable`, `RegistryError`.
   */
  private async get(pathOrUrl: string, scope: string): Promise<Response> {
    const url = new URL(pathOrUrl, registryBaseUrl(this.host));
    let res = await this.fetch(url, this.token ? `Bearer ${this.token}` : undefined);
    if (res.status === 401) {
      const challenge = res.headers.get('www-authenticate');
      const authorization = challenge ? await this.answer(challenge, scope) : undefined;
      if (authorization) res = await this.fetch(url, authorization);
    }
    if (res.status === 401) {
      throw new BerthError('Unauthorized', this.credential ? `${this.host} refused the stored credentials: log in again` : `${this.host} needs a log-in`);
    }
    if (res.status === 404) throw new BerthError('NotFound', `${this.host}: ${url.pathname} not found`);
    if (!res.ok) throw new BerthError('RegistryError', `${this.host} answered ${res.status} ${res.statusText} for ${url.pathname}`);
    return res;
  }

  private async answer(challenge: string, scope: string): Promise<string | undefined> {
    const parsed = authHeader.parse(challenge);
    const basic = this.credential ? `Basic ${Buffer.from(`${this.credential.username}:${this.credential.secret}`).toString('base64')}` : undefined;
    if (parsed.scheme.toLowerCase() === 'basic') return basic;
    if (parsed.scheme.toLowerCase() !== 'bearer') return undefined;
    const realm = parsed.params.realm;
    if (typeof realm !== 'string') return undefined;
    const tokenUrl = new URL(realm);
    if (typeof parsed.params.service === 'string') tokenUrl.searchParams.set('service', parsed.params.service);
    tokenUrl.searchParams.set('scope', typeof parsed.params.scope === 'string' ? parsed.params.scope : scope);
    const res = await this.fetch(tokenUrl, basic);
    if (!res.ok) return undefined;
    const body = (await res.json()) as { token?: string; access_token?: string };
    this.token = body.token ?? body.access_token ?? null;
    return this.token ? `Bearer ${this.token}` : undefined;
  }

  private async fetch(url: URL, authorization: string | undefined): Promise<Response> {
    try {
      return await fetch(url, {
        headers: { accept: 'application/json', ...(authorization ? { authorization } : {}) },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'follow',
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      throw new BerthError('RegistryUnreachable', `registry unreachable: ${url.host} (${cause?.code ?? cause?.message ?? (err as Error).message})`);
    }
  }
}
