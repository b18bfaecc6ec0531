import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../shared/model';
import { groupOf, parseGroup, podSummaryText } from './grouping';

const base: ContainerSummary = {
  id: 'a'.repeat(64),
  name: 'c',
  image: 'busybox',
  imageId: 'sha256:' + 'b'.repeat(64),
  command: 'sh',
  created: 0,
  state: 'running',
  status: 'Up',
  startedAt: null,
  finishedAt: null,
  exitCode: null,
  health: null,
  ports: [],
  labels: {},
};
const inPod = (name: string, state: ContainerSummary['state'], infra = false): ContainerSummary => ({ ...base, name, state, pod: { id: 'p'.repeat(64), name: 'web', infra } });

describe('container groups', () => {
  it('puts a container under its stack before its pod, and under nothing when in neither', () => {
    expect(groupOf({ ...inPod('x', 'running'), labels: { 'com.docker.compose.project': 'shop' } })).toBe('stack:shop');
    expect(groupOf(inPod('x', 'running'))).toBe('pod:web');
    expect(groupOf(base)).toBeUndefined();
    expect(groupOf({ ...base, pod: null })).toBeUndefined();
  });
  it('keeps the kind and a name holding colons apart', () => {
    expect(parseGroup('pod:a:b')).toEqual({ kind: 'pod', name: 'a:b' });
    expect(parseGroup('stack:shop')).toEqual({ kind: 'stack', name: 'shop' });
  });
  it("counts a pod's containers without its infra container, which is told apart", () => {
    expect(podSummaryText([inPod('infra', 'running', true), inPod('a', 'running'), inPod('b', 'exited')])).toBe('1 of 2 containers running · infra running');
    expect(podSummaryText([inPod('a', 'exited')])).toBe('0 of 1 container running');
  });
});
