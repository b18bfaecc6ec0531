/**
 * A small authorization server for the Docker registry token protocol, for tests only: what Docker Hub,
 * GHCR, GitLab and NGC put in front of their registries. It follows the specification in
 * distribution/distribution `docs/spec/auth/token.md` (requesting a token) and `docs/spec/auth/jwt.md`
 * (the JWT the registry verifies):
 * - `GET <realm>?service=S&scope=T:N:A,A&scope=…` with Basic auth of a user table; a `scope` may repeat
 *   and may hold several space-separated entries (token.md "scope").
 * - Refused credentials → 401 with `{"details":"incorrect username or password"}` (the body Docker Hub
 *   sends and Docker's client shows: distribution `registry/client/auth/session.go` reads `details`).
 * - No credentials → an anonymous token (`sub: ""`) with no access at all: token.md lets the policy
 *   decide, and Hub does the same for private repositories (the registry then answers 401).
 * - Granted access = requested ∩ the user's ACL; a subset "must not be considered an error" (token.md).
 * - 200 `{token, access_token, expires_in, issued_at}`; the token is an RS256 JWT with claims iss, sub,
 *   aud = service, exp, nbf, iat, jti, access[{type, name, actions}] and an `x5c` header holding the
 *   certificate that is in the registry's `rootcertbundle` (distribution `registry/auth/token/token.go`,
 *   VerifySigningKey, takes the key from `x5c` and checks the chain against the bundle).
 *
 * distribution accepts a token for `Leeway` = 60 s past its `exp` (token.go). So that a token really lapses
 * after `expires_in`, `exp` is written `leewaySeconds` earlier (`nbf` too is back-dated by that leeway).
 *
 * For tests, a second listener (the control port) reads and changes the state: how long tokens live,
 * whether the catalog is granted, whether the realm listens at all (`up: false` closes it: connection
 * refused), and how many tokens were issued (tests prove a refresh with it).
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { importPKCS8, SignJWT, type CryptoKey } from 'jose';

/** One entry of a token's `access` claim (jwt.md). */
export interface Access {
  type: string;
  name: string;
  actions: string[];
}

/**
 * One ACL rule: `user` may do `actions` on resources of `type` whose name matches `name`: exactly, or
 * any name under a prefix when it ends in `/*` (`berth/*` covers `berth/app` and `berth/a/b`), or `*`.
 */
export interface AclRule {
  user: string;
  type: string;
  name: string;
  actions: string[];
}

/** What the control port reads and changes. */
export interface TokenServerState {
  /** Tokens issued so far (anonymous ones included). */
  issued: number;
  /** Life of new tokens, s: their `exp` and, unless `reportedExpiresInSeconds` says otherwise, their `expires_in`. */
  expiresInSeconds: number;
  /** `expires_in` sent with new tokens when it should differ from their real life (a revoked token, clocks apart); null: the same. */
  reportedExpiresInSeconds: number | null;
  /** Whether `registry:catalog:*` is granted (to users that have a rule for it). */
  catalog: boolean;
  /** Whether the realm listens; false: its port refuses connections. */
  up: boolean;
}

export interface TokenServerOptions {
  /** User name → password. */
  users: Record<string, string>;
  acl: AclRule[];
  /** The registry's `auth.token.service`, used as `aud`. */
  service: string;
  /** The registry's `auth.token.issuer`, used as `iss`. */
  issuer: string;
  /** PKCS#8 PEM of the RSA signing key. */
  privateKeyPem: string;
  /** PEM of the certificate of that key (self-signed; in the registry's rootcertbundle). */
  certificatePem: string;
  expiresInSeconds?: number;
  catalog?: boolean;
  /** Seconds the registry accepts a token past `exp` (distribution: 60). */
  leewaySeconds?: number;
}

/**
 * Parse one scope entry `type:name:actions` (distribution `docs/spec/auth/scope.md`). The name may
 * itself hold `:` (a host with a port), so type is before the first colon and actions after the last.
 * Returns null for anything else.
 */
export function parseScope(scope: string): Access | null {
  const first = scope.indexOf(':');
  const last = scope.lastIndexOf(':');
  if (first <= 0 || last === first) return null;
  const name = scope.slice(first + 1, last);
  const actions = scope.slice(last + 1).split(',').filter(Boolean);
  if (!name || actions.length === 0) return null;
  return { type: scope.slice(0, first), name, actions };
}

function matches(pattern: string, name: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('/*')) return name.startsWith(pattern.slice(0, -1));
  return pattern === name;
}

/**
 * What `user` gets of the `requested` access under `acl`: for each entry, the requested actions the rules
 * allow (`*` in a rule allows every action; a request for `*` needs a rule with `*`). Entries left with no
 * action are dropped. `catalog: false` withholds `registry:catalog` whatever the rules say.
 */
export function grant(acl: readonly AclRule[], user: string, requested: readonly Access[], catalog: boolean): Access[] {
  const out: Access[] = [];
  for (const want of requested) {
    if (want.type === 'registry' && want.name === 'catalog' && !catalog) continue;
    const rules = acl.filter((r) => r.user === user && r.type === want.type && matches(r.name, want.name));
    const actions = want.actions.filter((a) => rules.some((r) => r.actions.includes('*') || (a !== '*' && r.actions.includes(a))));
    if (actions.length) out.push({ type: want.type, name: want.name, actions });
  }
  return out;
}

/** The user named by a Basic `authorization` header when its password is right; '' when there is none; null when refused. */
function authenticate(users: Record<string, string>, header: string | undefined): string | null {
  if (!header) return '';
  const m = /^Basic\s+(.+)$/i.exec(header);
  if (!m) return null;
  const decoded = Buffer.from(m[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  const [user, password] = colon < 0 ? [decoded, ''] : [decoded.slice(0, colon), decoded.slice(colon + 1)];
  return Object.hasOwn(users, user) && users[user] === password ? user : null;
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify(body));
}

/** A running token server: the realm (`http://127.0.0.1:PORT/token`) and the control port. */
export class TokenServer {
  private readonly realmServer: http.Server;
  private readonly controlServer: http.Server;
  private key: CryptoKey | null = null;
  private readonly x5c: string;
  private realmPort = 0;
  private current: TokenServerState;

  constructor(private readonly options: TokenServerOptions) {
    this.x5c = options.certificatePem.replace(/-----(BEGIN|END) CERTIFICATE-----|\s+/g, '');
    this.current = { issued: 0, expiresInSeconds: options.expiresInSeconds ?? 300, reportedExpiresInSeconds: null, catalog: options.catalog ?? false, up: true };
    this.realmServer = http.createServer((req, res) => void this.serveToken(req, res));
    this.controlServer = http.createServer((req, res) => void this.serveControl(req, res));
  }

  /** The token endpoint as the registry's `auth.token.realm` names it. */
  get realm(): string {
    return `http://127.0.0.1:${this.realmPort}/token`;
  }

  /** Base URL of the control port (`GET`/`POST /state`). */
  get control(): string {
    return `http://127.0.0.1:${(this.controlServer.address() as AddressInfo).port}`;
  }

  /** Listen on 127.0.0.1: the realm on `realmPort` (0: a free one), the control port on a free one. */
  async start(realmPort = 0): Promise<void> {
    this.key = (await importPKCS8(this.options.privateKeyPem, 'RS256')) as CryptoKey;
    await new Promise<void>((resolve, reject) => this.realmServer.once('error', reject).listen(realmPort, '127.0.0.1', resolve));
    this.realmPort = (this.realmServer.address() as AddressInfo).port;
    await new Promise<void>((resolve, reject) => this.controlServer.once('error', reject).listen(0, '127.0.0.1', resolve));
  }

  /** A copy of the state. */
  state(): TokenServerState {
    return { ...this.current };
  }

  /** Change the state (`issued` can be reset too); `up` closes or reopens the realm on the same port. */
  async set(patch: Partial<TokenServerState>): Promise<TokenServerState> {
    if (patch.up === false && this.current.up) {
      this.realmServer.closeAllConnections();
      await new Promise<void>((resolve) => this.realmServer.close(() => resolve()));
    } else if (patch.up === true && !this.current.up) {
      await new Promise<void>((resolve, reject) => this.realmServer.once('error', reject).listen(this.realmPort, '127.0.0.1', resolve));
    }
    this.current = { ...this.current, ...patch };
    return this.state();
  }

  /** Stop both listeners. */
  async close(): Promise<void> {
    this.realmServer.closeAllConnections();
    this.controlServer.closeAllConnections();
    await Promise.all([this.realmServer, this.controlServer].map((s) => new Promise<void>((resolve) => (s.listening ? s.close(() => resolve()) : resolve()))));
  }

  private async serveToken(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method !== 'GET' || url.pathname !== '/token') return send(res, 404, { details: 'not found' });
    const user = authenticate(this.options.users, req.headers.authorization);
    if (user === null) return send(res, 401, { details: 'incorrect username or password' }, { 'www-authenticate': 'Basic realm="berth-test-token"' });
    const service = url.searchParams.get('service');
    if (service !== null && service !== this.options.service) return send(res, 400, { details: `unknown service ${service}` });
    const requested = url.searchParams
      .getAll('scope')
      .flatMap((s) => s.split(' '))
      .map(parseScope)
      .filter((a): a is Access => a !== null);
    const access = user ? grant(this.options.acl, user, requested, this.current.catalog) : [];
    const now = Math.floor(Date.now() / 1000);
    const leeway = this.options.leewaySeconds ?? 60;
    const expiresIn = this.current.expiresInSeconds;
    const token = await new SignJWT({ access })
      .setProtectedHeader({ alg: 'RS256', typ: 'JWT', x5c: [this.x5c] })
      .setIssuer(this.options.issuer)
      .setSubject(user)
      .setAudience(this.options.service)
      .setIssuedAt(now)
      .setNotBefore(now - leeway)
      .setExpirationTime(now + expiresIn - leeway)
      .setJti(randomUUID())
      .sign(this.key!);
    this.current.issued++;
    send(res, 200, { token, access_token: token, expires_in: this.current.reportedExpiresInSeconds ?? expiresIn, issued_at: new Date(now * 1000).toISOString() });
  }

  private async serveControl(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    if (new URL(req.url ?? '/', 'http://127.0.0.1').pathname !== '/state') return send(res, 404, { error: 'not found' });
    if (req.method === 'GET') return send(res, 200, this.state());
    if (req.method !== 'POST') return send(res, 405, { error: 'GET or POST' });
    let body = '';
    for await (const chunk of req) body += String(chunk);
    try {
      const patch = JSON.parse(body) as Partial<TokenServerState>;
      send(res, 200, await this.set(patch));
    } catch (err) {
      send(res, 400, { error: (err as Error).message });
    }
  }
}
