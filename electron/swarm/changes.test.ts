import { describe, expect, it } from 'vitest';
import { toSwarmChange } from './changes';

describe('toSwarmChange', () => {
  it('keeps the swarm kinds with their action and ID', () => {
    expect(toSwarmChange({ Type: 'service', Action: 'update', Actor: { ID: 'abc', Attributes: { name: 'web' } } })).toEqual({ type: 'service', action: 'update', id: 'abc' });
    expect(toSwarmChange({ Type: 'node', Action: 'remove', Actor: { ID: 'n1' } })).toEqual({ type: 'node', action: 'remove', id: 'n1' });
  });
  it('drops other types and events without an ID', () => {
    expect(toSwarmChange({ Type: 'container', Action: 'start', Actor: { ID: 'c' } })).toBeNull();
    expect(toSwarmChange({ Type: 'secret', Action: 'create' })).toBeNull();
  });
});
