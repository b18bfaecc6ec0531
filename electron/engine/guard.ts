/**
 * Defence in depth below the contract (shared/refs.ts refuses bad names first): what Berth sends to an
 * engine, and what it does with the engine's answer.
 *
 * - **Paths.** dockerode builds URL paths by plain concatenation (`'/images/' + name + '/json'`) and
 *   docker-modem sends them as they are, unencoded. Every request path is checked before it is sent: only
 *   RFC 3986 path characters (no `%`, `?` inside the path, `#`, spaces or control characters), and no empty,
 *   `.` or `..` segment. Docker answers such a path with a 301 to its cleaned form (docs/ARCHITECTURE.md, engine pitfalls).
 * - **Redirects.** docker-modem 5 wraps Node's http/https in a copy of follow-redirects 0.0.x
 *   (`docker-modem/lib/http.js`, up to 5 hops, the redirected request fired with no error handler — an
 *   unreachable target crashed the process). The engine never needs a redirect: those wrappers are replaced
 *   by Node's own request, so a 3xx reaches docker-modem as an ordinary unexpected status and becomes a
 *   BerthError (errors.ts).
 */
import http from 'node:http';
import https from 'node:https';
import { createRequire } from 'node:module';
import type Docker from 'dockerode';
import { BerthError } from './errors';

/** One path segment: RFC 3986 `pchar` without percent-encoding. */
const SEGMENT = /^[A-Za-z0-9._~!$&'()*+,;=:@-]+$/;

/**
 * Why `requestPath` (as docker-modem or the hijack client gets it: path, then optionally `?` and a query
 * docker-modem builds itself) must not be sent; undefined when it is fine.
 */
export function enginePathProblem(requestPath: string): string | undefined {
  const q = requestPath.indexOf('?');
  const pathPart = q === -1 ? requestPath : requestPath.slice(0, q);
  if (!pathPart.startsWith('/')) return 'the path does not start with /';
  for (const segment of pathPart.slice(1).split('/')) {
    if (segment === '' || segment === '.' || segment === '..') return `the path has an empty, . or .. segment`;
    if (!SEGMENT.test(segment)) return `the path has a character an engine path never holds`;
  }
  return undefined;
}

/** The BerthError `ValidationError` refusing `requestPath`, or undefined when it may be sent. */
function refusal(requestPath: string): BerthError | undefined {
  const problem = enginePathProblem(requestPath);
  return problem ? new BerthError('ValidationError', `refused to send ${JSON.stringify(requestPath.slice(0, 200))} to the engine: ${problem}`) : undefined;
}

/**
 * Throw unless `requestPath` may be sent to an engine (see {@link enginePathProblem}).
 * @throws BerthError `ValidationError`: nothing was sent.
 */
export function checkEnginePath(requestPath: string): void {
  const refused = refusal(requestPath);
  if (refused) throw refused;
}

type Dial = (options: { path: string }, callback: (err: unknown, data?: unknown) => void) => void;

/**
 * Check every request path of this dockerode client before docker-modem sends it (a refused path calls
 * back with BerthError `ValidationError`). Also makes sure redirects are off ({@link refuseEngineRedirects}).
 * Returns `docker` for chaining.
 */
export function guardClient(docker: Docker): Docker {
  refuseEngineRedirects();
  const modem = docker.modem as unknown as { dial: Dial };
  const dial = modem.dial.bind(modem);
  modem.dial = (options, callback) => {
    const refused = refusal(String(options.path));
    return refused ? callback(refused) : dial(options, callback);
  };
  return docker;
}

let redirectsOff = false;

/**
 * Replace docker-modem's redirect-following http/https wrappers with Node's own `request` (process-wide:
 * every dockerode client of this dockerode copy). Idempotent.
 * @throws Error when docker-modem's layout is not what this expects (an upgrade moved it): better loud than open.
 */
export function refuseEngineRedirects(): void {
  if (redirectsOff) return;
  // The docker-modem that dockerode itself loads (it is not a direct dependency of Berth).
  const fromDockerode = createRequire(createRequire(import.meta.url).resolve('dockerode'));
  const wrappers = fromDockerode('docker-modem/lib/http.js') as Record<string, unknown>;
  if (!wrappers.http || !wrappers.https) throw new Error('docker-modem/lib/http.js no longer exports http and https: check its redirect handling');
  wrappers.http = { request: (o: http.RequestOptions, cb?: (res: http.IncomingMessage) => void) => http.request(o, cb) };
  wrappers.https = { request: (o: https.RequestOptions, cb?: (res: http.IncomingMessage) => void) => https.request(o, cb) };
  redirectsOff = true;
}
