/**
 * A Swarm tasks row's Shell: `swarm.taskShell` opens sh in the task's container on its node's engine (the one in
 * use, or the known engine that is that node) and its tab is shown in Terminals; when Berth knows no engine of
 * that node, a notice says which node to add and links to Engines.
 */
import type { SwarmTask } from '../../../shared/swarm';
import { client } from '../../client/client';
import { reportError, useNotices } from '../../stores/notices';
import { useSessions } from '../../stores/sessions';
import { initialSize } from '../terminals/size';

/** Open a shell in a running task; errors and "add this node" become notices. */
export async function openTaskShell(t: Pick<SwarmTask, 'id' | 'name'>): Promise<void> {
  try {
    const r = await client().call('swarm.taskShell', { task: t.id, size: initialSize() });
    if ('addNode' in r) return useNotices.getState().push('error', r.addNode.message, { href: '#/engines', label: 'Open Engines' });
    useSessions.getState().apply({ session: r.session });
    useSessions.getState().setActive(r.session.id);
    window.location.hash = '#/terminals';
  } catch (err) {
    reportError(`open a shell in task ${t.name}`, err);
  }
}
