import { describe, expect, it } from 'vitest';
import { BerthError, isNotModified, toBerthError } from './errors';

describe('toBerthError', () => {
  const host = 'unix:///x/docker.sock';
  it('names the engine when its socket cannot be reached', () => {
    const e = toBerthError(Object.assign(new Error('connect ENOENT /x/docker.sock'), { code: 'ENOENT' }), host);
    expect(e.name).toBe('EngineUnreachable');
    expect(e.message).toBe('engine unreachable: unix:///x/docker.sock (ENOENT)');
  });
  it('keeps the engine message and maps 404/409', () => {
    const nf = toBerthError({ statusCode: 404, json: { message: 'No such container: nope' }, message: '(HTTP code 404) no such container' }, host);
    expect([nf.name, nf.message]).toEqual(['NotFound', 'No such container: nope']);
    const c = toBerthError({ statusCode: 409, json: { message: 'You cannot remove a running container abc.' } }, host);
    expect([c.name, c.message]).toEqual(['Conflict', 'You cannot remove a running container abc.']);
    expect(toBerthError({ statusCode: 500, reason: 'server error' }, host).name).toBe('EngineError');
  });
  it('passes BerthErrors through and recognises 304', () => {
    const b = new BerthError('X', 'y');
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
