// Unit: a rolling update as the tasks show it (rollout.ts) and in the service summary (summary.ts), on JSON trimmed
// from Docker 20.10's answers on the test swarm of scripts/swarm.sh (an update to a missing image that paused).
import { describe, expect, it } from 'vitest';
import { SwarmService } from '../../shared/swarm';
import { namedTask, pausedTaskError, runningImages, type RolloutTask } from './rollout';
import { toSwarmService, type RawService, type RawTask } from './summary';

const OLD = 'berth-test/busybox:latest';
const NEW = 'berth-test/busybox:v2';
let n = 0;
const task = (image: string, state: string, over: Partial<RawTask> = {}): RawTask => ({
  ID: `task${++n}`,
  ServiceID: 'svc1',
  Slot: n,
  DesiredState: state === 'running' ? 'running' : 'shutdown',
  Spec: { ContainerSpec: { Image: image } },
  ...over,
  Status: { Timestamp: '2026-12-03T16:31:42Z', State: state, ...over.Status },
});

describe('runningImages', () => {
  it('counts the running tasks by their own spec image, the service’s first, then the most running', () => {
    const tasks = [task(NEW, 'running'), task(OLD, 'running'), task(OLD, 'running'), task(NEW, 'preparing'), task(OLD, 'shutdown'), task('other:1', 'running')];
    expect(runningImages(NEW, tasks)).toEqual([
      { image: NEW, digest: null, running: 1, current: true },
      { image: OLD, digest: null, running: 2, current: false },
      { image: 'other:1', digest: null, running: 1, current: false },
    ]);
  });
  it('keeps the service’s image at 0 when none of its tasks runs yet, and tells digests apart', () => {
    expect(runningImages(`${NEW}@sha256:b`, [task(`${OLD}@sha256:a`, 'running')])).toEqual([
      { image: NEW, digest: 'sha256:b', running: 0, current: true },
      { image: OLD, digest: 'sha256:a', running: 1, current: false },
    ]);
    expect(runningImages(`${OLD}@sha256:b`, [task(`${OLD}@sha256:a`, 'running'), task(`${OLD}@sha256:b`, 'running')])).toEqual([
      { image: OLD, digest: 'sha256:b', running: 1, current: true },
      { image: OLD, digest: 'sha256:a', running: 1, current: false },
    ]);
    expect(runningImages('', [])).toEqual([]);
  });
});

describe('why a paused update stopped', () => {
  const message = 'update paused due to failure or early termination of task yi6j37kaci2ex4mgupzjh20iu';
  const since = Date.parse('2026-12-03T16:31:41Z');
  const rejected: RolloutTask = { ID: 'yi6j37kaci2ex4mgupzjh20iu', Spec: { ContainerSpec: { Image: 'berth-test/nope:1' } }, Status: { Timestamp: '2026-12-03T16:31:41.9Z', State: 'rejected', Err: 'No such image: berth-test/nope:1' } };
  it('reads the task the engine’s message names', () => {
    expect(namedTask(message)).toBe('yi6j37kaci2ex4mgupzjh20iu');
    expect(namedTask('update paused due to failure or early termination of task abc123 ')).toBe('abc123');
    expect(namedTask('update in progress')).toBeNull();
    const later = { ...rejected, ID: 'later', Status: { Timestamp: '2026-12-03T16:31:50Z', State: 'failed', Err: 'task: non-zero exit (1)' } };
    expect(pausedTaskError(message, [later, rejected], since)).toBe('task rejected: No such image: berth-test/nope:1');
  });
  it('falls back to the newest error since the update started when the named task is gone or says nothing, else null', () => {
    const older = { ...rejected, ID: 'older', Status: { Timestamp: '2026-12-03T16:30:00Z', State: 'failed', Err: 'an error of the spec before' } };
    const newer = { ...rejected, ID: 'newer', Status: { Timestamp: '2026-12-03T16:31:45Z', State: 'failed', Err: 'task: non-zero exit (1)' } };
    expect(pausedTaskError(message, [older, newer], since)).toBe('task failed: task: non-zero exit (1)');
    expect(pausedTaskError(message, [{ ...rejected, Status: { State: 'shutdown' } }, older], since)).toBeNull();
    expect(pausedTaskError('update paused', [], since)).toBeNull();
  });
});

describe('toSwarmService during an update', () => {
  const svc = (state: string, message: string, image = NEW): RawService => ({
    ID: 'svc1',
    UpdatedAt: '2026-12-03T16:31:40Z',
    Spec: { Name: 'web1', TaskTemplate: { ContainerSpec: { Image: image } }, Mode: { Replicated: { Replicas: 3 } } },
    PreviousSpec: { Name: 'web1', TaskTemplate: { ContainerSpec: { Image: `${OLD}@sha256:abc` } } },
    UpdateStatus: { State: state, StartedAt: '2026-12-03T16:31:41Z', Message: message },
  });
  it('counts the tasks on the new image and on the old, and names the previous image', () => {
    const s = SwarmService.parse(toSwarmService(svc('updating', 'update in progress'), [task(NEW, 'running'), task(OLD, 'running'), task(OLD, 'running')]));
    expect(s.runningImages.map((i) => [i.image, i.running])).toEqual([
      [NEW, 1],
      [OLD, 2],
    ]);
    expect(s.previousImage).toBe(OLD);
    expect(s.updateStatus).toMatchObject({ state: 'updating', taskError: null });
  });
  it('says why an update paused: the rejected task’s error', () => {
    const bad = task('berth-test/nope:1', 'rejected', { ID: 'yi6j37kaci2ex4mgupzjh20iu', Status: { Timestamp: '2026-12-03T16:31:41.9Z', State: 'rejected', Err: 'No such image: berth-test/nope:1' } });
    const s = toSwarmService(svc('paused', 'update paused due to failure or early termination of task yi6j37kaci2ex4mgupzjh20iu', 'berth-test/nope:1'), [bad, task(OLD, 'running'), task(OLD, 'running')]);
    expect(s.updateStatus).toMatchObject({ state: 'paused', taskError: 'task rejected: No such image: berth-test/nope:1' });
    expect(s.runningImages).toEqual([
      { image: 'berth-test/nope:1', digest: null, running: 0, current: true },
      { image: OLD, digest: null, running: 2, current: false },
    ]);
  });
});
