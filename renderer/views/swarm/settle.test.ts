import { describe, expect, it } from 'vitest';
import type { SwarmService, SwarmTask } from '../../../shared/swarm';
import { FAILURE_FOLLOW_MS, failedTaskIds, followUpDelay, inTransit, newlyFailed, ROLLING_FOLLOW_MS, rollingFollowUp, SETTLE_STALL_MS, tasksMoved, tasksSignature } from './settle';

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

describe('tasksMoved', () => {
  it('is true when a task appeared, went or changed state, and not for the same tasks in another order', () => {
    const a = { ...task('running', 'pending'), id: 'a' };
    const b = { ...task('running', 'running'), id: 'b' };
    const before = tasksSignature([a, b]);
    expect(tasksMoved(before, [b, a])).toBe(false);
    expect(tasksMoved(before, [{ ...a, state: 'running' }, b])).toBe(true);
    expect(tasksMoved(before, [a])).toBe(true);
    expect(tasksMoved(before, [a, b, { ...a, id: 'c' }])).toBe(true);
  });
  it('is false for the first fetch (nothing to compare with)', () => {
    expect(tasksMoved(null, [task('running', 'pending')])).toBe(false);
  });
});

describe('followUpDelay', () => {
  const pending = [task('running', 'pending')];
  it('backs off from 150 ms to 4 s and stays there while tasks are on their way', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 50].map((n) => followUpDelay(n, pending, 0))).toEqual([150, 300, 600, 1200, 2400, 4000, 4000, 4000]);
  });
  it('asks nothing when every task has arrived, or when none moved for two minutes', () => {
    expect(followUpDelay(0, [task('running', 'running')], 0)).toBeNull();
    expect(followUpDelay(3, pending, SETTLE_STALL_MS - 1)).toBe(1200);
    expect(followUpDelay(3, pending, SETTLE_STALL_MS)).toBeNull();
  });
});

describe('rollingFollowUp', () => {
  const svc = (state: string | null) => ({ updateStatus: state ? { state } : null }) as unknown as SwarmService;
  it('asks again while an update or rollback runs, not when it is paused, done or never was', () => {
    expect(rollingFollowUp([svc(null), svc('updating')])).toBe(ROLLING_FOLLOW_MS);
    expect(rollingFollowUp([svc('rollback_started')])).toBe(ROLLING_FOLLOW_MS);
    expect(rollingFollowUp([svc('paused'), svc('completed'), svc('rollback_paused'), svc('rollback_completed'), svc(null)])).toBeNull();
    expect(rollingFollowUp([])).toBeNull();
  });
});

describe('a crash loop (review 27, F1)', () => {
  const running = [{ ...task('running', 'running'), id: 'new' }];
  it('is followed while failures come, even when a fetch catches every task running', () => {
    // Every task running, none on its way: without a recent failure nothing is due (the view showed 2/2 for good).
    expect(followUpDelay(0, running, 0)).toBeNull();
    expect(followUpDelay(0, running, 0, 1000)).toBe(150);
    expect(followUpDelay(4, running, 0, 1000)).toBe(2400);
    expect(followUpDelay(0, running, 0, FAILURE_FOLLOW_MS)).toBeNull();
    expect(followUpDelay(0, running, SETTLE_STALL_MS, 1000)).toBeNull();
  });
  it('a failure is new when the previous fetch did not have that failed task; the first fetch finds none new', () => {
    const failed = { ...task('shutdown', 'failed'), id: 'f1' };
    const rejected = { ...task('shutdown', 'rejected'), id: 'r1' };
    expect([...failedTaskIds([failed, rejected, ...running])]).toEqual(['f1', 'r1']);
    expect(newlyFailed(null, [failed])).toBe(false);
    expect(newlyFailed(new Set(['f1']), [failed, ...running])).toBe(false);
    expect(newlyFailed(new Set(['f1']), [failed, { ...failed, id: 'f2' }])).toBe(true);
    expect(newlyFailed(new Set(), [rejected])).toBe(true);
  });
});
