import { describe, expect, it } from 'vitest';
import { needsForce, verbsFor } from './actions';

describe('container verbs', () => {
  it('offers what applies to each state', () => {
    expect(verbsFor('running')).toEqual(['Stop', 'Restart', 'Pause', 'Kill', 'Remove']);
    expect(verbsFor('paused')).toContain('Unpause');
    expect(verbsFor('exited')).toEqual(['Start', 'Remove']);
    expect(verbsFor('removing')).toEqual([]);
  });
  it('asks for force only for containers that are up', () => {
    expect(needsForce('running')).toBe(true);
    expect(needsForce('exited')).toBe(false);
  });
});
