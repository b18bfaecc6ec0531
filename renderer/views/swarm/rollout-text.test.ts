// Unit: how the Services table words a rolling update (rollout-text.ts), on services as swarm.services gives them.
import { describe, expect, it } from 'vitest';
import type { SwarmService } from '../../../shared/swarm';
import { imageText, outageHint, shortImage, splitTag, updateAnnouncement, updateText } from './rollout-text';

const OLD = 'berth-test/busybox:latest';
const NEW = 'berth-test/busybox:v2';
const service = (over: Partial<SwarmService> = {}): SwarmService => ({
  id: 'svc1',
  name: 'web1',
  mode: 'replicated',
  replicas: { running: 3, desired: 3, stopping: 0, completed: 0 },
  problem: null,
  image: NEW,
  imageDigest: null,
  runningImages: [
    { image: NEW, digest: null, running: 1, current: true },
    { image: OLD, digest: null, running: 2, current: false },
  ],
  previousImage: OLD,
  ports: [],
  updateStatus: { state: 'updating', startedAt: 1, completedAt: null, message: 'update in progress', taskError: null },
  updateConfig: { parallelism: 1, delayNs: 0, failureAction: 'pause', order: 'stop-first' },
  canRollback: true,
  labels: {},
  createdAt: 1,
  updatedAt: 1,
  ...over,
});
const status = (state: NonNullable<SwarmService['updateStatus']>['state'], more: Partial<NonNullable<SwarmService['updateStatus']>> = {}) => ({ updateStatus: { state, startedAt: 1, completedAt: null, message: '', taskError: null, ...more } });

describe('image references', () => {
  it('splits the tag after the last slash only, and shortens to the tag beside another tag of the same repository', () => {
    expect(splitTag('localhost:5000/a/b:v2')).toEqual({ repo: 'localhost:5000/a/b', tag: 'v2' });
    expect(splitTag('localhost:5000/a/b')).toEqual({ repo: 'localhost:5000/a/b', tag: null });
    expect(shortImage(NEW, OLD)).toBe('v2');
    expect(shortImage('berth-test/nope:1', OLD)).toBe('berth-test/nope:1');
    expect(shortImage(NEW, null)).toBe(NEW);
    expect(shortImage(NEW, NEW)).toBe(NEW);
  });
});

describe('updateText', () => {
  it('counts the running tasks on the new image while updating, and on the old one while rolling back', () => {
    expect(updateText(service())).toMatchObject({ text: 'updating: 1 of 3 on v2', paused: false });
    const back = service({ image: OLD, previousImage: NEW, runningImages: [{ image: OLD, digest: null, running: 2, current: true }, { image: NEW, digest: null, running: 1, current: false }], ...status('rollback_started') });
    expect(updateText(back).text).toBe('rolling back: 2 of 3 on latest');
  });
  it('says only updating for an update that keeps the image, and 3 of 3 once every task is on it', () => {
    expect(updateText(service({ previousImage: NEW, runningImages: [{ image: NEW, digest: null, running: 3, current: true }] })).text).toBe('updating');
    expect(updateText(service({ runningImages: [{ image: NEW, digest: null, running: 3, current: true }] })).text).toBe('updating: 3 of 3 on v2');
  });
  it('gives a paused update’s reason as text, the task’s error first, else the engine’s message', () => {
    const message = 'update paused due to failure or early termination of task yi6j';
    expect(updateText(service(status('paused', { message, taskError: 'task rejected: No such image: berth-test/nope:1' })))).toEqual({
      text: 'paused: task rejected: No such image: berth-test/nope:1',
      title: `paused: task rejected: No such image: berth-test/nope:1 (${message})`,
      paused: true,
    });
    expect(updateText(service(status('rollback_paused', { message: 'rollback paused due to failure or early termination of task x' })))).toMatchObject({ text: 'rollback paused: rollback paused due to failure or early termination of task x', paused: true });
  });
  it('says none, completed and rollback completed as before', () => {
    expect(updateText(service({ updateStatus: null })).text).toBe('none');
    expect(updateText(service(status('completed', { message: 'update completed' })))).toEqual({ text: 'completed', title: 'completed: update completed', paused: false });
    expect(updateText(service(status('rollback_completed'))).text).toBe('rollback completed');
  });
});

describe('imageText', () => {
  const short = (d: string) => d.replace('sha256:', '').slice(0, 4);
  it('says both images with their running counts while mixed, counts first', () => {
    expect(imageText(service(), short)).toEqual({ lines: ['1/3 berth-test/busybox:v2', '2/3 latest'], title: `1 running ${NEW} (the service's image), 2 still running ${OLD}` });
    expect(imageText(service({ image: 'berth-test/nope:1', runningImages: [{ image: 'berth-test/nope:1', digest: null, running: 0, current: true }, { image: OLD, digest: null, running: 2, current: false }] }), short).lines).toEqual(['0/3 berth-test/nope:1', `2/3 ${OLD}`]);
  });
  it('says the image alone once no other runs, and tells a re-resolved digest of the same tag apart', () => {
    expect(imageText(service({ imageDigest: 'sha256:abcdef', runningImages: [{ image: NEW, digest: 'sha256:abcdef', running: 3, current: true }] }), short)).toEqual({ lines: [`${NEW}@abcd`], title: `${NEW}@sha256:abcdef` });
    const same = service({ imageDigest: 'sha256:bbbb', runningImages: [{ image: NEW, digest: 'sha256:bbbb', running: 1, current: true }, { image: NEW, digest: 'sha256:aaaa', running: 2, current: false }] });
    expect(imageText(same, short).lines).toEqual([`1/3 ${NEW}@bbbb`, '2/3 @aaaa']);
  });
  it('puts a third image on the second line', () => {
    const three = service({ runningImages: [...service().runningImages, { image: 'other:1', digest: null, running: 1, current: false }] });
    expect(imageText(three, short).lines).toEqual(['1/3 berth-test/busybox:v2', '2/3 latest · 1/3 other:1']);
  });
});

describe('updateAnnouncement', () => {
  it('announces a change of state once, with a paused update’s reason, and not the progress counts', () => {
    const updating = service();
    expect(updateAnnouncement(undefined, updating)).toBeNull();
    expect(updateAnnouncement(updating, service({ runningImages: [{ image: NEW, digest: null, running: 2, current: true }] }))).toBeNull();
    const paused = service(status('paused', { message: 'update paused due to …' }));
    expect(updateAnnouncement(updating, paused)).toBe('web1: update paused: update paused due to …');
    const withError = service(status('paused', { message: 'update paused due to …', taskError: 'task rejected: No such image: nope:1' }));
    expect(updateAnnouncement(paused, withError)).toBe('web1: update paused: task rejected: No such image: nope:1');
    expect(updateAnnouncement(withError, withError)).toBeNull();
    expect(updateAnnouncement(withError, service(status('completed')))).toBe('web1: update completed');
    expect(updateAnnouncement(service({ updateStatus: null }), updating)).toBe('web1: update started');
    expect(updateAnnouncement(updating, service({ updateStatus: null }))).toBeNull();
  });
});

describe('outageHint', () => {
  it('warns for one replica, stop-first and pause only', () => {
    expect(outageHint(1, 'stop-first', 'pause')).toMatch(/stays down \(0\/1\) until you roll it back/);
    expect(outageHint(2, 'stop-first', 'pause')).toBeNull();
    expect(outageHint(1, 'start-first', 'pause')).toBeNull();
    expect(outageHint(1, 'stop-first', 'rollback')).toBeNull();
  });
});
