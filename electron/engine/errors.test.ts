import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ErrorName } from '../../shared/api';
import { errorEnvelope } from '../router';
import { BerthError, isNotModified, toBerthError } from './errors';

describe('toBerthError', () => {
  const host = 'unix:///x/docker.sock';
  it('names the engine when its socket cannot be reached', () => {
    const e = toBerthError(Object.assign(new Error('connect ENOENT /x/docker.sock'), { code: 'ENOENT' }), host);
    expect(e.name).toBe('EngineUnreachable');
    expect(e.message).toBe('engine unreachable: unix:///x/docker.sock (ENOENT)');
  });
  it('says a reset at the client timeout is the timeout, and a reset before it a reset (review 27, F11)', () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    expect(toBerthError(reset, host, { elapsedMs: 30_002, timeoutMs: 30_000 }).message).toBe('engine did not answer in 30 s: unix:///x/docker.sock');
    expect(toBerthError(reset, host, { elapsedMs: 1200, timeoutMs: 30_000 }).message).toBe('engine unreachable: unix:///x/docker.sock (ECONNRESET)');
    expect(toBerthError(reset, host).name).toBe('EngineUnreachable');
  });
  it('keeps the engine message and maps 404/409', () => {
    const nf = toBerthError({ statusCode: 404, json: { message: 'No such container: nope' }, message: '(HTTP code 404) no such container' }, host);
    expect([nf.name, nf.message]).toEqual(['NotFound', 'No such container: nope']);
    const c = toBerthError({ statusCode: 409, json: { message: 'You cannot remove a running container abc.' } }, host);
    expect([c.name, c.message]).toEqual(['Conflict', 'You cannot remove a running container abc.']);
    expect(toBerthError({ statusCode: 500, reason: 'server error' }, host).name).toBe('EngineError');
  });
  it('passes BerthErrors through and recognises 304', () => {
    const b = new BerthError('Conflict', 'y');
    expect(toBerthError(b, host)).toBe(b);
    expect(isNotModified({ statusCode: 304 })).toBe(true);
    expect(isNotModified(new Error('x'))).toBe(false);
  });
});

describe('toBerthError on a refused stream request', () => {
  it('takes the engine reason out of docker-modem message', () => {
    const err = Object.assign(new Error('(HTTP code 500) server error - Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused '), {
      statusCode: 500,
      reason: 'server error',
      json: null,
    });
    const e = toBerthError(err, 'unix:///x');
    expect(e.name).toBe('EngineError');
    expect(e.message).toBe('Get "http://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused');
  });
  it('says that a TLS engine is not trusted, naming the check that failed', () => {
    const e = toBerthError(Object.assign(new Error('self-signed certificate in certificate chain'), { code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'tcp://h:2376 (TLS)');
    expect(e).toMatchObject({ name: 'EngineUnreachable', message: "TLS: the engine's certificate at tcp://h:2376 (TLS) is not trusted by the CA in DOCKER_CERT_PATH (SELF_SIGNED_CERT_IN_CHAIN)" });
  });
});

describe('error names', () => {
  // BerthError's constructor takes an ErrorName, so tsc refuses another name; this also catches casts and
  // envelopes built by hand (ipc.ts, preload.ts, router.ts, the renderer's links).
  it('every name thrown or answered in electron/ and renderer/client/ is in the contract', () => {
    const files = ['electron', 'renderer/client'].flatMap((dir) =>
      (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f)).map((f) => path.join(dir, f)),
    );
    const found = new Set<string>();
    for (const file of files) {
      const text = fs.readFileSync(file, 'utf8');
      for (const m of text.matchAll(/new (?:BerthError|CallError)\(\s*'([^']+)'|error: \{ name: '([^']+)'/g)) found.add(m[1] ?? m[2]);
    }
    expect(found.size).toBeGreaterThan(10);
    expect([...found].filter((n) => !ErrorName.safeParse(n).success)).toEqual([]);
  });
  it('the router answers Internal for a name outside the contract', () => {
    const odd = Object.assign(new BerthError('Conflict', 'x'), { name: 'SomethingElse' });
    expect(errorEnvelope(odd)).toEqual({ ok: false, error: { name: 'Internal', message: 'x' } });
    expect(errorEnvelope(new TypeError('boom'))).toEqual({ ok: false, error: { name: 'Internal', message: 'boom' } });
    expect(errorEnvelope(new BerthError('NotFound', 'gone'))).toEqual({ ok: false, error: { name: 'NotFound', message: 'gone' } });
  });
});
