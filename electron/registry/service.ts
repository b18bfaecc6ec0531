/**
 * Registry log-in and browsing. Log-in is checked by the engine (`POST /auth`, as `docker login` does),
 * then stored where the CLI keeps credentials (credentials.ts). Pull and push take their
 * `X-Registry-Auth` from here.
 */
import type { MethodArgs, MethodResult } from '../../shared/api';
import { registryAuthKey } from '../../shared/reference';
import type { Engine } from '../engine/engine';
import { BerthError } from '../engine/errors';
import { RegistryClient, registryBaseUrl } from './client';
import { CredentialStore, type Credential } from './credentials';

/** The body of `X-Registry-Auth` (Engine API AuthConfig). */
export interface AuthConfig {
  username?: string;
  password?: string;
  identitytoken?: string;
  serveraddress?: string;
}

function toAuthConfig(key: string, c: Credential): AuthConfig {
  return c.identityToken ? { identitytoken: c.secret, serveraddress: key } : { username: c.username, password: c.secret, serveraddress: key };
}

/** Repositories whose tags are listed with the catalog at most. */
const CATALOG_TAGS_LIMIT = 200;
/** Tag lists fetched at once. */
const TAG_FETCH_CONCURRENCY = 6;

export class RegistryService {
  /** Registry clients by registry key, with the credential they were made with (as JSON: compared, never shown). */
  private readonly clients = new Map<string, { identity: string; client: RegistryClient }>();

  constructor(
    private readonly engine: Engine,
    readonly credentials = new CredentialStore(),
  ) {}

  /**
   * Log in: the engine checks the credential against the registry, then it is stored (an identity token
   * in place of the password when the registry hands one out).
   * @throws BerthError `Unauthorized` when the registry refuses, `EngineError`/`EngineUnreachable` otherwise.
   */
  async login(a: MethodArgs<'registry.login'>): Promise<MethodResult<'registry.login'>> {
    const key = registryAuthKey(a.registry);
    let answer: { Status?: string; IdentityToken?: string };
    try {
      answer = (await this.engine.docker.checkAuth({ username: a.username, password: a.password, serveraddress: key })) as typeof answer;
    } catch (err) {
      const e = err as { statusCode?: number; json?: { message?: string } };
      const reason = e.json?.message ?? (err as Error).message;
      if (/server gave HTTP response to HTTPS client/.test(reason) && registryBaseUrl(key).startsWith('http:')) {
        // Podman 4.3's /auth ignores registries.conf `insecure` (push and pull honour it): check the
        // plain-HTTP loopback registry here, as Docker's /auth would have.
        return this.loginChecked(a, key);
      }
      if (e.statusCode === 401 || /unauthorized|authentication required|incorrect username or password/i.test(reason)) {
        throw new BerthError('Unauthorized', `log-in to ${a.registry} refused: ${reason}`);
      }
      throw new BerthError('EngineError', `log-in to ${a.registry} failed: ${reason}`);
    }
    await this.credentials.store(
      key,
      answer.IdentityToken ? { username: a.username, secret: answer.IdentityToken, identityToken: true } : { username: a.username, secret: a.password },
    );
    return { registry: key, username: a.username, status: answer.Status ?? 'Login Succeeded' };
  }

  /** Log-in checked by Berth's own registry client instead of the engine. */
  private async loginChecked(a: MethodArgs<'registry.login'>, key: string): Promise<MethodResult<'registry.login'>> {
    try {
      await new RegistryClient(key, { username: a.username, secret: a.password }).checkLogin();
    } catch (err) {
      if (err instanceof BerthError && err.name === 'Unauthorized') throw new BerthError('Unauthorized', `log-in to ${a.registry} refused: incorrect username or password`);
      throw err;
    }
    await this.credentials.store(key, { username: a.username, secret: a.password });
    return { registry: key, username: a.username, status: 'Login Succeeded' };
  }

  async logout(a: MethodArgs<'registry.logout'>): Promise<null> {
    await this.credentials.erase(registryAuthKey(a.registry));
    return null;
  }

  /** Registries with stored credentials and their user names; never secrets. */
  list(): Promise<MethodResult<'registry.list'>> {
    return this.credentials.list();
  }

  /** The repositories of a v2 registry, each with its tags (tags for the first CATALOG_TAGS_LIMIT only). */
  async catalog(a: MethodArgs<'registry.catalog'>): Promise<MethodResult<'registry.catalog'>> {
    const key = registryAuthKey(a.registry);
    const client = await this.clientFor(key);
    const names = await client.repositories();
    const repositories = names.map((name) => ({ name, tags: [] as string[], tagsListed: false }));
    let next = 0;
    const worker = async () => {
      while (next < Math.min(repositories.length, CATALOG_TAGS_LIMIT)) {
        const repo = repositories[next++];
        repo.tags = await client.tags(repo.name).catch(() => []);
        repo.tagsListed = true;
      }
    };
    await Promise.all(Array.from({ length: TAG_FETCH_CONCURRENCY }, worker));
    return { registry: key, repositories };
  }

  /**
   * One repository named by the person, its tags with digests: browsing where the registry refuses the catalog.
   * @throws BerthError `NotFound`, `Unauthorized`, `RegistryUnreachable`, `RegistryError` (see RegistryClient).
   */
  async repository(a: MethodArgs<'registry.repository'>): Promise<MethodResult<'registry.repository'>> {
    const key = registryAuthKey(a.registry);
    const client = await this.clientFor(key);
    return { registry: key, repository: a.repository, tags: await client.tagsWithDigests(a.repository) };
  }

  /**
   * The client for registry `key`, kept while the stored credential stays the same so its tokens are reused
   * for their life rather than fetched again for every browse.
   */
  private async clientFor(key: string): Promise<RegistryClient> {
    const credential = await this.credentials.get(key);
    const identity = JSON.stringify(credential);
    const kept = this.clients.get(key);
    if (kept?.identity === identity) return kept.client;
    const client = new RegistryClient(key, credential);
    this.clients.set(key, { identity, client });
    return client;
  }

  /**
   * The X-Registry-Auth body for a registry key: the stored credential, else `{}` (the engine refuses a
   * push without the header, see docs/ARCHITECTURE.md).
   */
  async authFor(key: string): Promise<AuthConfig> {
    const c = await this.credentials.get(key);
    return c ? toAuthConfig(key, c) : {};
  }

  /** X-Registry-Config for a build: every stored credential, by registry key, so any base image can be pulled. */
  async allAuth(): Promise<Record<string, AuthConfig>> {
    return Object.fromEntries([...(await this.credentials.all())].map(([key, c]) => [key, toAuthConfig(key, c)]));
  }
}
