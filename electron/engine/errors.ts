/**
 * Engine failures turned into errors a person can act on. Every error that crosses a transport is a
 * `BerthError` with one of the contract's names (`ErrorName` in shared/api.ts).
 */
import type { ErrorName } from '../../shared/api';

/** An error whose `name` (one of the contract's `ErrorName`s) and `message` are shown to the user as they are. */
export class BerthError extends Error {
  override name: ErrorName;
  constructor(name: ErrorName, message: string) {
    super(message);
    this.name = name;
  }
}

/** Node's TLS verification failures: the engine's certificate is not trusted by the given CA (or has the wrong name). */
const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

const UNREACHABLE_CODES = new Set(['ECONNREFUSED', 'ENOENT', 'EACCES', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND']);

interface EngineErrorLike {
  statusCode?: number;
  code?: string;
  message?: string;
  json?: { message?: string } | null;
  reason?: string;
}

/**
 * Map an error from dockerode/docker-modem to a BerthError.
 * HTTP 3xx (a redirect, never followed) → `EngineError` saying so, 404 → `NotFound`, 409 → `Conflict`, socket errors → `EngineUnreachable` naming `host`, other engine
 * answers → `EngineError` with the engine's own message. `timing` (the request's time and its client's timeout, ms):
 * a reset at the timeout is said to be the timeout.
 */
export function toBerthError(err: unknown, host: string, timing?: { elapsedMs: number; timeoutMs: number }): BerthError {
  if (err instanceof BerthError) return err;
  const e = (err ?? {}) as EngineErrorLike;
  // docker-modem ends a request past its timeout by destroying the socket, which then fails as ECONNRESET: a hung
  // engine (its dockerd stopped, the socket still open) was told as a reset (review 27, F11).
  if (timing && e.code === 'ECONNRESET' && timing.elapsedMs >= timing.timeoutMs - 250) {
    return new BerthError('EngineUnreachable', `engine did not answer in ${Math.round(timing.timeoutMs / 1000)} s: ${host}`);
  }
  if (e.code && TLS_CODES.has(e.code)) {
    return new BerthError('EngineUnreachable', `TLS: the engine's certificate at ${host} is not trusted by the CA in DOCKER_CERT_PATH (${e.code})`);
  }
  if (e.code && UNREACHABLE_CODES.has(e.code)) {
    return new BerthError('EngineUnreachable', `engine unreachable: ${host} (${e.code})`);
  }
  // For streaming requests docker-modem keeps the engine's reason only in its message: "(HTTP code 500) server error - <reason> ".
  const streamed = /^\(HTTP code \d+\) [^-]*- ([\s\S]+)$/.exec(e.message ?? '')?.[1]?.trim();
  const engineMessage = (e.json && typeof e.json.message === 'string' && e.json.message) || streamed || e.reason || e.message || String(err);
  const message = engineMessage.trim();
  // docker-modem's redirect following is off (guard.ts): a 3xx arrives here as an unexpected status.
  if (typeof e.statusCode === 'number' && e.statusCode >= 300 && e.statusCode < 400 && e.statusCode !== 304) {
    return new BerthError('EngineError', `${host} answered with a redirect (HTTP ${e.statusCode}), which Berth never follows`);
  }
  if (e.statusCode === 404) return new BerthError('NotFound', message);
  if (e.statusCode === 409) return new BerthError('Conflict', message);
  if (typeof e.statusCode === 'number') return new BerthError('EngineError', message);
  if (/timeout/i.test(message)) return new BerthError('EngineUnreachable', `engine did not answer in time: ${host}`);
  return new BerthError('EngineError', message);
}

/** True when the engine said "nothing to do" (HTTP 304: already started / already stopped). */
export function isNotModified(err: unknown): boolean {
  return (err as EngineErrorLike | null)?.statusCode === 304;
}
