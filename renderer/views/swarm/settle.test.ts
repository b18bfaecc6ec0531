import { describe, expect, it } from 'vitest';
import type { SwarmTask } from '../../../shared/swarm';
import { inTransit } from './settle';

const task = (desiredState: SwarmTask['desiredState'], state: SwarmTask['state']): SwarmTask => ({
  id: 't', name: 'web.1', serviceId: 's', serviceName: 'web', slot: 1, nodeId: null, nodeHostname: null, desiredState, state,
  message: '', error: null, since: null, containerId: null, exitCode: null, image: 'x',
});

describe('inTransit', () => {
  it('a task wanted running is on its way until it runs or ends', () => {
    expect(inTransit(task('running', 'pending'))).toBe(true);
    expect(inTransit(task('running', 'preparing'))).toBe(true);
    expect(inTransit(task('running', 'running'))).toBe(false);
    expect(inTransit(task('running', 'failed'))).toBe(false);
  });
  it('a task told to stop is on its way until it has ended', () => {
    expect(inTransit(task('shutdown', 'running'))).toBe(true);
    expect(inTransit(task('shutdown', 'shutdown'))).toBe(false);
    expect(inTransit(task('shutdown', 'complete'))).toBe(false);
  });
  it('a job task running toward completion has arrived', () => {
    expect(inTransit(task('complete', 'running'))).toBe(false);
    expect(inTransit(task('complete', 'starting'))).toBe(true);
  });
});
