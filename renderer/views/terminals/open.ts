/** Opening a terminal session from elsewhere in the UI (a container row): start it, show its tab. */
import type { ContainerSummary } from '../../../shared/model';
import { client } from '../../client/client';
import { reportError } from '../../stores/notices';
import { useSessions } from '../../stores/sessions';
import { initialSize } from './size';

/** `exec`: a shell (bash, else sh); `attach`: the container's own TTY. Errors become notices. */
export async function openSession(kind: 'exec' | 'attach', c: Pick<ContainerSummary, 'id' | 'name'>): Promise<void> {
  try {
    const s = await client().call(kind === 'exec' ? 'sessions.exec' : 'sessions.attach', { container: c.id, size: initialSize() });
    useSessions.getState().apply({ session: s });
    useSessions.getState().setActive(s.id);
    window.location.hash = '#/terminals';
  } catch (err) {
    reportError(kind === 'exec' ? `open a shell in ${c.name}` : `attach to ${c.name}`, err);
  }
}
