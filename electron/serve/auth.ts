/**
 * Serve mode's gatekeeping: a bearer token (from the URL once, then an HttpOnly cookie), an allow-list of
 * Host headers (against DNS rebinding) and of WebSocket origins. Tokens are compared in constant time.
 */
import crypto from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { parse as parseCookie } from 'cookie';

export const TOKEN_COOKIE = 'berth_token';

/** A fresh random token: 32 bytes, base64url (43 characters). */
export function newToken(): string {
  return crypto.randomBytes(32).toString('base64url');
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

/** Where a request's token came from, or null when it has none that matches (or an unparsable target). */
export function requestToken(req: IncomingMessage, expected: string): 'query' | 'cookie' | 'header' | null {
  const url = requestUrl(req);
  if (!url) return null;
  const q = url.searchParams.get('token');
  if (q !== null && tokensEqual(q, expected)) return 'query';
  const auth = req.headers.authorization;
  if (auth?.startsWith('Bearer ') && tokensEqual(auth.slice(7), expected)) return 'header';
  const cookieHeader = req.headers.cookie;
  if (cookieHeader) {
    const c = parseCookie(cookieHeader)[TOKEN_COOKIE];
    if (c !== undefined && tokensEqual(c, expected)) return 'cookie';
  }
  return null;
}

/** The Host header values the server answers to: its own address and, on loopback, `localhost`. */
export function allowedHosts(host: string, port: number): Set<string> {
  const hosts = new Set([`${host}:${port}`]);
  if (isLoopback(host)) for (const h of ['127.0.0.1', 'localhost', '[::1]']) hosts.add(`${h}:${port}`);
  return hosts;
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
