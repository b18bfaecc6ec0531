/**
 * A small client of the registry HTTP API v2 (distribution spec): the repositories of a registry
 * (`GET /v2/_catalog`, paginated by the `Link` header), a repository's tags (`GET /v2/<name>/tags/list`)
 * and the digest a tag points at (`HEAD /v2/<name>/manifests/<tag>`, `Docker-Content-Digest`).
 * Authentication as the registry demands it in `WWW-Authenticate`: `Basic` with the stored credential,
 * or `Bearer` with a token fetched from the named realm (Docker's token protocol, distribution
 * `docs/spec/auth/token.md`: `GET realm?service=…&scope=…` with the credential as Basic auth, answered
 * `{token | access_token, expires_in, issued_at}`). Tokens are kept per scope for their `expires_in`
 * (60 s when the server does not say, as token.md defines) and fetched once for concurrent requests; a
 * token the registry refuses anyway (revoked, clocks apart) is dropped and fetched again, once.
 */
import authHeader from 'auth-header';
import LinkHeader from 'http-link-header';
import pLimit from 'p-limit';
import { BerthError } from '../engine/errors';
import type { Credential } from './credentials';

/** Time allowed for one request to a registry or its token server, ms. */
const REQUEST_TIMEOUT_MS = 15_000;
/** Pages of the catalog read at most (100 repositories each). */
const MAX_PAGES = 50;
/** The scope that lists repositories (distribution `docs/spec/auth/scope.md`). */
const CATALOG_SCOPE = 'registry:catalog:*';
/** A token's life when the token server gives no `expires_in`, s (token.md). */
const DEFAULT_TOKEN_LIFE_S = 60;
/** A token is renewed this long before its end (at most a tenth of its life), ms: a request in flight must not outlive it. */
const TOKEN_MARGIN_MS = 5_000;
/** Manifest HEADs at once when digests are read. */
const DIGEST_CONCURRENCY = 6;
/**
 * Every manifest type a tag may point at, so the registry answers with the digest of the manifest it
 * holds (an index or list for multi-platform images) instead of converting it.
 */
const MANIFEST_ACCEPT = [
  'application/vnd.oci.image.index.v1+json',
  'application/vnd.docker.distribution.manifest.list.v2+json',
  'application/vnd.oci.image.manifest.v1+json',
  'application/vnd.docker.distribution.manifest.v2+json',
].join(', ');

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

/** What the registry refused, for the message: listing repositories, or reading one. */
type Purpose = { kind: 'catalog' } | { kind: 'repository'; name: string } | { kind: 'login' };

interface Token {
  authorization: string;
  /** ms since the epoch after which the token is not used any more. */
  renewAt: number;
}

export class RegistryClient {
  /** Bearer tokens by scope ('' for none), settled or in flight. */
  private readonly tokens = new Map<string, Promise<Token>>();
  /** Set once the registry asked for Basic: the credential then goes with every request. */
  private basic = false;

  constructor(
    private readonly host: string,
    private readonly credential: Credential | null,
  ) {}

  /**
   * Every repository the registry lists (at most MAX_PAGES × 100).
   * @throws BerthError `Unauthorized` "HOST does not let you list repositories; enter a repository name"
   *   when the registry refuses the catalog to this log-in (Hub, GHCR, GitLab), or with the credential refused;
   *   `RegistryUnreachable`, `RegistryError`.
   */
  async repositories(): Promise<string[]> {
    const names: string[] = [];
    let next: string | null = '/v2/_catalog?n=100';
    for (let page = 0; next && page < MAX_PAGES; page++) {
      const res = await this.get(next, CATALOG_SCOPE, { kind: 'catalog' });
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
    await this.get('/v2/', '', { kind: 'login' });
  }

  /**
   * The tags of `repository`, sorted; empty when it has none.
   * @throws BerthError `NotFound` when the registry does not know it, `Unauthorized` when the log-in may not read it,
   *   `RegistryUnreachable`, `RegistryError`.
   */
  async tags(repository: string): Promise<string[]> {
    const res = await this.get(`/v2/${repository}/tags/list`, pullScope(repository), { kind: 'repository', name: repository });
    const body = (await res.json()) as { tags?: string[] | null };
    return [...(body.tags ?? [])].sort();
  }

  /**
   * The tags of `repository`, sorted, each with the digest of its manifest (`Docker-Content-Digest` of a
   * HEAD; null when the registry sends none).
   * @throws as {@link tags}.
   */
  async tagsWithDigests(repository: string): Promise<{ tag: string; digest: string | null }[]> {
    const limit = pLimit(DIGEST_CONCURRENCY);
    const purpose: Purpose = { kind: 'repository', name: repository };
    return Promise.all(
      (await this.tags(repository)).map((tag) =>
        limit(async () => {
          const res = await this.get(`/v2/${repository}/manifests/${encodeURIComponent(tag)}`, pullScope(repository), purpose, 'HEAD', MANIFEST_ACCEPT);
          return { tag, digest: res.headers.get('docker-content-digest') };
        }),
      ),
    );
  }

  /**
   * A request authenticated as the registry asks on a 401.
   * @throws BerthError `Unauthorized` (credentials missing or refused, or the scope not granted), `NotFound`,
   *   `RegistryUnreachable` (the registry or its token server), `RegistryError`.
   */
  private async get(pathOrUrl: string, scope: string, purpose: Purpose, method: 'GET' | 'HEAD' = 'GET', accept = 'application/json'): Promise<Response> {
    const url = new URL(pathOrUrl, registryBaseUrl(this.host));
    const entry = this.basic ? undefined : this.tokens.get(scope);
    const held = this.basic ? this.basicAuth() : await live(entry);
    let res = await this.fetch(url, held, method, accept);
    let tokenGranted = false;
    if (res.status === 401) {
      const challenge = parseChallenge(res.headers.get('www-authenticate'));
      let authorization: string | undefined;
      if (challenge?.scheme === 'basic') {
        this.basic = true;
        authorization = this.basicAuth();
      } else if (challenge?.scheme === 'bearer') {
        // Drop the token the registry refused, unless a concurrent request already replaced it.
        if (entry && this.tokens.get(scope) === entry) this.tokens.delete(scope);
        authorization = (await this.token(scope, challenge)).authorization;
        tokenGranted = true;
      }
      if (authorization && authorization !== held) res = await this.fetch(url, authorization, method, accept);
    }
    if (res.status === 401 || res.status === 403 || (res.status === 404 && purpose.kind === 'catalog')) {
      // The token server took the credential (it answered with a token) and the registry still refuses:
      // the log-in is fine, the access is not. GitLab answers the catalog with 404.
      if (purpose.kind === 'catalog' && (tokenGranted || res.status !== 401)) {
        throw new BerthError('Unauthorized', `${this.host} does not let you list repositories; enter a repository name`);
      }
      if (purpose.kind === 'repository' && (tokenGranted || res.status === 403)) {
        throw new BerthError('Unauthorized', `${this.host} does not let ${this.credential ? this.credential.username || 'this log-in' : 'anonymous users'} read ${purpose.name}${this.credential ? '' : ': log in'}`);
      }
      throw new BerthError('Unauthorized', this.credential ? `${this.host} refused the stored credentials: log in again` : `${this.host} needs a log-in`);
    }
    if (res.status === 404) throw new BerthError('NotFound', `${this.host}: ${url.pathname} not found`);
    if (!res.ok) throw new BerthError('RegistryError', `${this.host} answered ${res.status} ${res.statusText} for ${url.pathname}`);
    return res;
  }

  private basicAuth(): string | undefined {
    return this.credential ? `Basic ${Buffer.from(`${this.credential.username}:${this.credential.secret}`).toString('base64')}` : undefined;
  }

  /** A token for `scope` from the challenge's realm: the one being fetched, or a new fetch. */
  private token(scope: string, challenge: Challenge): Promise<Token> {
    const pending = this.tokens.get(scope);
    if (pending) return pending;
    const fetching = this.fetchToken(scope, challenge);
    this.tokens.set(scope, fetching);
    fetching.catch(() => this.tokens.get(scope) === fetching && this.tokens.delete(scope));
    return fetching;
  }

  /**
   * `GET realm?service=…&scope=…` (token.md "Requesting a Token"). The challenge's own scope wins over ours;
   * none at all asks for a token without access (a log-in check).
   * @throws BerthError `RegistryUnreachable` naming the realm, `Unauthorized` when it refuses the credential,
   *   `RegistryError` for any other answer.
   */
  private async fetchToken(scope: string, challenge: Challenge): Promise<Token> {
    if (!challenge.realm) throw new BerthError('RegistryError', `${this.host} asks for a token but names no realm to get it from`);
    let tokenUrl: URL;
    try {
      tokenUrl = new URL(challenge.realm);
    } catch {
      throw new BerthError('RegistryError', `${this.host} names a token server that is not a URL: ${challenge.realm}`);
    }
    if (challenge.service) tokenUrl.searchParams.set('service', challenge.service);
    for (const s of (challenge.scope ?? scope).split(' ').filter(Boolean)) tokenUrl.searchParams.append('scope', s);
    const realm = `${tokenUrl.origin}${tokenUrl.pathname}`;
    const started = Date.now();
    let res: Response;
    try {
      res = await this.fetch(tokenUrl, this.basicAuth(), 'GET', 'application/json', true);
    } catch (err) {
      throw new BerthError('RegistryUnreachable', `${this.host} sends log-ins to its token server ${realm}, which is unreachable (${(err as Error).message})`);
    }
    if (res.status === 401 || res.status === 403) {
      const details = await res
        .json()
        .then((b: unknown) => (b as { details?: string; message?: string }).details ?? (b as { message?: string }).message)
        .catch(() => undefined);
      throw new BerthError(
        'Unauthorized',
        `${this.host}'s token server ${realm} refused ${this.credential ? 'the stored credentials' : 'an anonymous log-in'}${details ? ` (${details})` : ''}: log in${this.credential ? ' again' : ''}`,
      );
    }
    if (!res.ok) throw new BerthError('RegistryError', `${this.host}'s token server ${realm} answered ${res.status} ${res.statusText}`);
    const body = (await res.json().catch(() => ({}))) as { token?: string; access_token?: string; expires_in?: number };
    const token = body.token ?? body.access_token;
    if (!token) throw new BerthError('RegistryError', `${this.host}'s token server ${realm} answered without a token`);
    // Counted from before the request, so a slow answer never makes the token seem to live longer than it does.
    const lifeMs = (typeof body.expires_in === 'number' && body.expires_in > 0 ? body.expires_in : DEFAULT_TOKEN_LIFE_S) * 1000;
    return { authorization: `Bearer ${token}`, renewAt: started + lifeMs - Math.min(TOKEN_MARGIN_MS, lifeMs / 10) };
  }

  /**
   * One request. `quiet`: a failure to connect is thrown as a plain Error (the caller names the server).
   * @throws BerthError `RegistryUnreachable` when no answer comes.
   */
  private async fetch(url: URL, authorization: string | undefined, method: 'GET' | 'HEAD', accept: string, quiet = false): Promise<Response> {
    try {
      return await fetch(url, {
        method,
        headers: { accept, ...(authorization ? { authorization } : {}) },
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        redirect: 'follow',
      });
    } catch (err) {
      const cause = (err as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (err as Error).message;
      if (quiet) throw new Error(reason);
      throw new BerthError('RegistryUnreachable', `registry unreachable: ${url.host} (${reason})`);
    }
  }
}

/** The authorization of a held token (waited for while it is fetched) when it still lives. */
async function live(entry: Promise<Token> | undefined): Promise<string | undefined> {
  const t = entry ? await entry.catch(() => null) : null;
  return t && Date.now() < t.renewAt ? t.authorization : undefined;
}

/** `repository:<name>:pull` (scope.md). */
function pullScope(repository: string): string {
  return `repository:${repository}:pull`;
}

/** A `WWW-Authenticate` challenge (RFC 6750 §3 for Bearer), its scheme lower-cased. */
interface Challenge {
  scheme: string;
  realm?: string;
  service?: string;
  scope?: string;
}

function parseChallenge(header: string | null): Challenge | null {
  if (!header) return null;
  try {
    const parsed = authHeader.parse(header);
    const param = (k: string) => (typeof parsed.params[k] === 'string' ? (parsed.params[k] as string) : undefined);
    return { scheme: parsed.scheme.toLowerCase(), realm: param('realm'), service: param('service'), scope: param('scope') };
  } catch {
    return null;
  }
}
