import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedHosts, isLoopback, newToken, originAllowed, requestToken, tokensEqual } from './auth';

const req = (url: string, headers: Record<string, string> = {}) => ({ url, headers }) as unknown as IncomingMessage;

describe('serve auth', () => {
  it('makes long random tokens and compares them exactly', () => {
    const t = newToken();
    expect(t).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(newToken()).not.toBe(t);
    expect(tokensEqual(t, t)).toBe(true);
    expect(tokensEqual(t.slice(0, -1), t)).toBe(false);
    expect(tokensEqual('', t)).toBe(false);
  });

  it('accepts the token from the query, a bearer header or the cookie, and nothing else', () => {
    expect(requestToken(req('/?token=s3cret'), 's3cret')).toBe('query');
    expect(requestToken(req('/', { authorization: 'Bearer s3cret' }), 's3cret')).toBe('header');
    expect(requestToken(req('/assets/x.js', { cookie: 'a=1; berth_token=s3cret' }), 's3cret')).toBe('cookie');
    expect(requestToken(req('/?token=wrong', { cookie: 'berth_token=nope' }), 's3cret')).toBeNull();
    expect(requestToken(req('/'), 's3cret')).toBeNull();
  });

  it('allows only its own origin for WebSockets', () => {
    const hosts = allowedHosts('127.0.0.1', 7070);
    expect(originAllowed('http://127.0.0.1:7070', hosts)).toBe(true);
    expect(originAllowed('http://localhost:7070', hosts)).toBe(true);
    expect(originAllowed('http://evil.test:7070', hosts)).toBe(false);
    expect(originAllowed('http://127.0.0.1:7071', hosts)).toBe(false);
    expect(originAllowed('null', hosts)).toBe(false);
    expect(originAllowed(undefined, hosts)).toBe(true);
  });

  it('knows loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1'].every(isLoopback)).toBe(true);
    expect(['0.0.0.0', '192.168.1.2', 'example.com'].some(isLoopback)).toBe(false);
  });
});
