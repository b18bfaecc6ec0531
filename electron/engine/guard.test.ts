import { describe, expect, it } from 'vitest';
import { BerthError } from './errors';
import { checkEnginePath, enginePathProblem } from './guard';

describe('engine request paths (guard.ts)', () => {
  it('lets the paths dockerode builds through', () => {
    for (const p of ['/containers/abc/json?', '/images/ghcr.io/org/app:1.0/json', `/images/x@sha256:${'a'.repeat(64)}/json`, '/events?', '/v1.41/_ping', '/containers/abc/attach?stream=1&stdin=1', '/build/prune?']) {
      expect(enginePathProblem(p), p).toBeUndefined();
    }
  });
  it('refuses dot segments, empty segments, encodings and characters a path never holds', () => {
    for (const p of ['/images/a/../../127.0.0.1:9/x/json', '/images/./x', '//x', '/images//json', '/images/%2e%2e/json', '/images/a b/json', '/images/a\u0000/json', 'images/x', '/x#y', '/x/']) {
      expect(enginePathProblem(p), p).toBeTypeOf('string');
    }
  });
  it('throws a ValidationError (nothing was sent)', () => {
    expect(() => checkEnginePath('/images/../x')).toThrow(BerthError);
    try {
      checkEnginePath('/images/../x');
    } catch (e) {
      expect((e as BerthError).name).toBe('ValidationError');
    }
  });
});
