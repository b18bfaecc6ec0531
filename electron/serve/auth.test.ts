import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { allowedHosts, bearerToken, hostAllowed, isLoopback, newToken, originAllowed, requestHost, requestUrl, tokensEqual, weakTokenProblem } from './auth';

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

  it('takes the token from a Bearer header only (never the query string)', () => {
    expect(bearerToken(req('/', { authorization: 'Bearer s3cret' }), 's3cret')).toBe('valid');
    expect(bearerToken(req('/', { authorization: 'Bearer wrong' }), 's3cret')).toBe('invalid');
    expect(bearerToken(req('/', { authorization: 's3cret' }), 's3cret')).toBe('invalid');
    expect(bearerToken(req('/?token=s3cret'), 's3cret')).toBe('absent');
  });

  it('parses request targets without throwing', () => {
    expect(requestUrl(req('/ws?x=1'))?.pathname).toBe('/ws');
    expect(requestUrl(req('http://[::1'))).toBeNull();
  });

  it('refuses chosen tokens shorter than 32 characters', () => {
    expect(weakTokenProblem('x'.repeat(32))).toBeNull();
    expect(weakTokenProblem('x'.repeat(31))).toMatch(/31 characters; at least 32/);
    expect(weakTokenProblem(newToken())).toBeNull();
  });

  it("allows on a wildcard address this machine's addresses and name with the port, on loopback the loopback names", () => {
    const machine = { addresses: ['127.0.0.1', '::1', '192.0.2.2', 'fd00::2'], hostname: 'Build-Box' };
    expect([...allowedHosts('0.0.0.0', 7070, machine)].sort()).toEqual(
      ['0.0.0.0:7070', '127.0.0.1:7070', '192.0.2.2:7070', '[::1]:7070', '[fd00::2]:7070', 'build-box:7070', 'localhost:7070'].sort(),
    );
    expect(allowedHosts('[::]', 7070, machine).has('[fd00::2]:7070')).toBe(true);
    expect([...allowedHosts('127.0.0.1', 7070, machine)].sort()).toEqual(['127.0.0.1:7070', '[::1]:7070', 'localhost:7070']);
    expect([...allowedHosts('192.0.2.2', 7070, machine)]).toEqual(['192.0.2.2:7070']);
    const hosts = allowedHosts('0.0.0.0', 7070, machine);
    expect(hostAllowed('BUILD-BOX:7070', hosts)).toBe(true);
    expect(hostAllowed('192.0.2.2:7071', hosts)).toBe(false);
    expect(hostAllowed('evil.test:7070', hosts)).toBe(false);
    expect(hostAllowed(undefined, hosts)).toBe(false);
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

describe('the Host header', () => {
  const req = (...pairs: string[]) => ({ rawHeaders: pairs, headers: { host: pairs[1] } });
  it('is the one Host a request carries', () => expect(requestHost(req('Host', '127.0.0.1:7070', 'Accept', '*/*'))).toBe('127.0.0.1:7070'));
  it('is refused when repeated (Node would keep the first) or missing', () => {
    expect(requestHost(req('Host', '127.0.0.1:7070', 'host', 'evil.example'))).toBeUndefined();
    expect(requestHost({ rawHeaders: [], headers: {} })).toBeUndefined();
  });
});
