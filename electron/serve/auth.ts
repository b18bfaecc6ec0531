/**
 * Serve mode's gatekeeping: a bearer token, an allow-list of Host headers (against DNS rebinding) and of
 * WebSocket origins. Static files hold no secret and need no token; the WebSocket does. A browser's page
 * proves the token in the socket's first message (`{t:'auth'}`, see server.ts); a non-browser client may
 * send `Authorization: Bearer TOKEN` on the upgrade instead. No cookie (cookies ignore ports: every other
 * local port would receive it) and no `?token=` (a query string lands in logs and Referer headers).
 * Tokens are compared in constant time.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import os from 'node:os';

/** Shortest `BERTH_TOKEN` accepted without `--allow-weak-token`, characters. */
export const MIN_TOKEN_LENGTH = 32;

/** A fresh random token: 32 bytes, base64url (43 characters). */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
}

/** Why a chosen token is refused (shorter than MIN_TOKEN_LENGTH), or null when it is long enough. */
export function weakTokenProblem(token: string): string | null {
  if (token.length >= MIN_TOKEN_LENGTH) return null;
  return `BERTH_TOKEN has ${token.length} characters; at least ${MIN_TOKEN_LENGTH} are needed (or pass --allow-weak-token)`;
}

/** Constant-time comparison of two tokens (hashing first makes the lengths equal). */
export function tokensEqual(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b) && given.length === expected.length;
}

/**
 * A request target as a URL (resolved against a dummy origin), or null when it cannot be parsed
 * (`GET http://[::1 HTTP/1.1` is a valid request line whose target `new URL` rejects).
 */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://localhost');
  } catch {
    return null;
  }
}

/** The request's `Authorization: Bearer` token: absent, or whether it matches `expected`. */
export function bearerToken(req: IncomingMessage, expected: string): 'absent' | 'valid' | 'invalid' {
  const auth = req.headers.authorization;
  if (auth === undefined) return 'absent';
  return auth.startsWith('Bearer ') && tokensEqual(auth.slice(7), expected) ? 'valid' : 'invalid';
}

/** This machine's addresses (every interface, IPv6 without its zone) and its host name. */
export interface MachineNames {
  addresses: string[];
  hostname: string;
}

/** MachineNames from os.networkInterfaces() and os.hostname(). */
export function machineNames(): MachineNames {
  const addresses = Object.values(os.networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address.replace(/%.*$/, '')));
  return { addresses, hostname: os.hostname() };
}

/** This machine's first non-loopback IPv4 address (for the URL printed when serving on 0.0.0.0 or ::). */
export function publicAddress(): string | undefined {
  return Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .find((i) => i.family === 'IPv4' && !i.internal)?.address;
}

/** True for the wildcard addresses a server binds to listen on every interface. */
export function isWildcard(host: string): boolean {
  return host === '0.0.0.0' || host === '::' || host === '[::]';
}

/**
 * The Host header values (lower case) the server answers to: its own address with the port; on loopback
 * also `localhost`, `127.0.0.1` and `[::1]`; on a wildcard address (`0.0.0.0`, `::`, with --allow-remote)
 * also every address of this machine (`machine`, IPv6 in brackets) and its host name.
 */
export function allowedHosts(host: string, port: number, machine: MachineNames = machineNames()): Set<string> {
  const names = [host];
  if (isLoopback(host) || isWildcard(host)) names.push('127.0.0.1', 'localhost', '[::1]');
  if (isWildcard(host)) names.push(...machine.addresses.map((a) => (a.includes(':') ? `[${a}]` : a)), machine.hostname);
  return new Set(names.map((n) => `${n.toLowerCase()}:${port}`));
}

/** True when a request's Host header is on the allow-list (host names compare case-insensitively). */
/**
 * The request's one Host header, or undefined when it has none or several: Node keeps the first of
 * duplicates, so `Host: 127.0.0.1:P` then `Host: evil.example` would pass as the first (RFC 9112 §3.2:
 * a request with more than one Host is answered 400; here it is refused like a foreign Host).
 */
export function requestHost(req: Pick<IncomingMessage, 'rawHeaders' | 'headers'>): string | undefined {
  let count = 0;
  for (let i = 0; i < req.rawHeaders.length; i += 2) if (req.rawHeaders[i].toLowerCase() === 'host') count++;
  return count === 1 ? req.headers.host : undefined;
}

export function hostAllowed(header: string | undefined, hosts: Set<string>): boolean {
  return header !== undefined && hosts.has(header.toLowerCase());
}

/** True for 127.0.0.0/8, ::1 and `localhost`. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host === '[::1]' || /^127(\.\d{1,3}){3}$/.test(host);
}

/** A browser's WebSocket must come from a page this server served; non-browser clients send no Origin. */
export function originAllowed(origin: string | undefined, hosts: Set<string>): boolean {
  if (origin === undefined) return true;
  try {
    const u = new URL(origin);
    return u.protocol === 'http:' && hosts.has(u.host);
  } catch {
    return false;
  }
}
