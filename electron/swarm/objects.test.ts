import { describe, expect, it } from 'vitest';
import { SwarmNodeUpdateArgs, SwarmObjectCreateArgs } from '../../shared/swarm-objects';
import { engineSaid } from './manage';
import { nextNodeSpec } from './nodes';
import { checkDataSize, toSwarmObject } from './objects';

describe('swarm objects, pure parts', () => {
  it('lists a config without its data, though the engine sends it', () => {
    const o = toSwarmObject({ ID: 'c1', CreatedAt: '2026-12-02T18:00:12.8Z', UpdatedAt: '0001-01-01T00:00:00Z', Spec: { Name: 'app.conf', Labels: { a: '1' }, Data: 'c2VjcmV0' } as never });
    expect(o).toEqual({ id: 'c1', name: 'app.conf', createdAt: Date.parse('2026-12-02T18:00:12.8Z'), updatedAt: null, labels: { a: '1' } });
    expect(JSON.stringify(o)).not.toContain('c2VjcmV0');
  });
  it('changes only what is asked in a node spec, keeping its other labels and fields', () => {
    const spec = { Name: 'n', Labels: { keep: '1', gone: 'x' }, Role: 'worker', Availability: 'active' };
    expect(nextNodeSpec(spec, { node: 'x', availability: 'drain', labelsAdd: { add: 'y' }, labelsRemove: ['gone'] })).toEqual({ Name: 'n', Labels: { keep: '1', add: 'y' }, Role: 'worker', Availability: 'drain' });
    expect(nextNodeSpec({ Labels: null }, { node: 'x', role: 'manager' })).toEqual({ Labels: {}, Role: 'manager' });
  });
  it("cuts swarmkit's gRPC wrapper from the engine's message", () => {
    expect(engineSaid('rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm')).toBe('attempting to demote the last manager of the swarm');
    expect(engineSaid('no such node: x')).toBe('no such node: x');
  });
  it("bounds data by the kind's limit, on the decoded bytes", () => {
    expect(checkDataSize('secret', Buffer.alloc(511_999).toString('base64'))).toBe(511_999);
    expect(() => checkDataSize('secret', Buffer.alloc(512_000).toString('base64'))).toThrow("a secret's data must be less than 500 KiB (512000 bytes): this is 512000 bytes");
    expect(checkDataSize('config', Buffer.alloc(700_000).toString('base64'))).toBe(700_000);
  });
  it('refuses, in the contract, names swarm refuses, data that is not base64, and updates that change nothing', () => {
    const ok = { name: 'db.password_1', data: 'eA==', labels: {} };
    expect(SwarmObjectCreateArgs.safeParse(ok).success).toBe(true);
    for (const bad of [{ ...ok, name: '-x' }, { ...ok, name: 'a'.repeat(65) }, { ...ok, name: 'a/b' }, { ...ok, data: 'not base64!' }, { ...ok, data: '' }, { ...ok, extra: 1 }]) expect(SwarmObjectCreateArgs.safeParse(bad).success).toBe(false);
    expect(SwarmNodeUpdateArgs.safeParse({ node: 'n1' }).success).toBe(false);
    expect(SwarmNodeUpdateArgs.safeParse({ node: 'n1', labelsAdd: {} }).success).toBe(false);
    expect(SwarmNodeUpdateArgs.safeParse({ node: 'n1', availability: 'drain' }).success).toBe(true);
  });
});
