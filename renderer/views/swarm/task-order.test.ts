import { describe, expect, it } from 'vitest';
import { taskOrderKey } from './task-order';

/** VirtualTable's compare of string sort values. */
const byKey = (a: Parameters<typeof taskOrderKey>[0], b: Parameters<typeof taskOrderKey>[0]) => taskOrderKey(a).localeCompare(taskOrderKey(b), undefined, { numeric: true, sensitivity: 'base' });

const task = (name: string, serviceName: string, slot: number | null, desiredState: 'running' | 'shutdown', since: number, nodeId: string | null = null) => ({ name, serviceName, slot, nodeId, desiredState, since });

describe('taskOrderKey', () => {
  it('orders as docker service ps: slot by slot, the current task first, then its history newest first', () => {
    const tasks = [
      task('web.1 (old)', 'web', 1, 'shutdown', 1000),
      task('web.2', 'web', 2, 'running', 5000),
      task('web.1 (older)', 'web', 1, 'shutdown', 500),
      task('web.1', 'web', 1, 'running', 3000),
      task('api.1', 'api', 1, 'running', 100),
      task('web.10', 'web', 10, 'running', 100),
      task('web-api.1', 'web-api', 1, 'running', 100),
      task('web_x.1', 'web_x', 1, 'running', 100),
    ];
    expect([...tasks].sort(byKey).map((t) => t.name)).toEqual(['api.1', 'web.1', 'web.1 (old)', 'web.1 (older)', 'web.2', 'web.10', 'web_x.1', 'web-api.1']);
  });

  it("groups a global service's tasks by node", () => {
    const tasks = [task('g (n2)', 'g', null, 'running', 1, 'n2'), task('g (n1 old)', 'g', null, 'shutdown', 1, 'n1'), task('g (n1)', 'g', null, 'running', 2, 'n1')];
    expect([...tasks].sort(byKey).map((t) => t.name)).toEqual(['g (n1)', 'g (n1 old)', 'g (n2)']);
  });
});
