import { afterEach, describe, expect, it } from 'vitest';
import { useNotices } from '../../stores/notices';
import { convergenceNotice, reportConvergence, watchConvergence, WATCH_MS } from './convergence';

const svc = (name: string, running: number, desired: number, problem: string | null = null, mode: 'replicated' | 'replicated-job' = 'replicated') =>
  ({ name, mode, replicas: { running, desired, stopping: 0, completed: 0 }, problem }) as Parameters<typeof reportConvergence>[0][number];
const texts = () => useNotices.getState().notices.map((n) => `${n.kind}: ${n.text}`);

describe('convergenceNotice', () => {
  it('waits while tasks are on their way; says when all run, or why none can', () => {
    expect(convergenceNotice(svc('web', 1, 3))).toBeNull();
    expect(convergenceNotice(svc('web', 3, 3))).toEqual({ kind: 'info', text: 'web: all 3 tasks running' });
    expect(convergenceNotice(svc('one', 1, 1))).toEqual({ kind: 'info', text: 'one: its task is running' });
    expect(convergenceNotice(svc('bad', 0, 1, 'No such image: x:1'))).toEqual({ kind: 'error', text: 'bad: no task runs: No such image: x:1' });
    expect(convergenceNotice(svc('part', 2, 3, 'no suitable node'))).toEqual({ kind: 'error', text: 'part: 2 of 3 tasks run: no suitable node' });
    expect(convergenceNotice(svc('job', 0, 3, null, 'replicated-job'))).toBeNull();
  });
});

describe('reportConvergence', () => {
  afterEach(() => useNotices.setState({ notices: [] }));

  it('says once what a watched service came to, nothing of others, nothing after the watch expired', () => {
    useNotices.setState({ notices: [] });
    watchConvergence('web', 0);
    watchConvergence('late', 0);
    reportConvergence([svc('web', 1, 3), svc('other', 0, 1, 'No such image: y')], 1000);
    expect(texts()).toEqual([]);
    reportConvergence([svc('web', 3, 3)], 2000);
    reportConvergence([svc('web', 3, 3)], 3000);
    expect(texts()).toEqual(['info: web: all 3 tasks running']);
    reportConvergence([svc('late', 1, 1)], WATCH_MS + 1);
    expect(texts()).toEqual(['info: web: all 3 tasks running']);
  });
});
