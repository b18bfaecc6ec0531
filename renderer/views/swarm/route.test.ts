import { describe, expect, it } from 'vitest';
import { parseSwarmRoute, swarmHref } from './route';

describe('swarm route', () => {
  it('reads the tab, Nodes by default', () => {
    expect(parseSwarmRoute('')).toEqual({ tab: 'nodes' });
    expect(parseSwarmRoute('services')).toEqual({ tab: 'services' });
    expect(parseSwarmRoute('nope')).toEqual({ tab: 'nodes' });
  });
  it('keeps the Tasks filters through a round trip, names with dots and dashes included', () => {
    const r = { tab: 'tasks' as const, service: 'web.v2-a', node: 'berth-sw2' };
    expect(swarmHref(r)).toBe('#/swarm/tasks?service=web.v2-a&node=berth-sw2');
    expect(parseSwarmRoute(swarmHref(r).replace('#/swarm/', ''))).toEqual(r);
    expect(parseSwarmRoute('tasks?service=')).toEqual({ tab: 'tasks' });
    expect(swarmHref({ tab: 'services', service: 'x' })).toBe('#/swarm/services');
  });
});
