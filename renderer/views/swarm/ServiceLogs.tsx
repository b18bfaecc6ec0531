/**
 * A swarm service's logs (`docker service logs -f`) in a dialog over the Swarm view: the same viewer as a
 * container's (views/logs/LogsPanel.tsx: follow, search, download, bounded ring), each line's task
 * `name.slot@node` in a column. Opened by a Services row's Logs button through `openServiceLogs`; the dialog
 * lives beside the table (a virtual table may unmount its rows).
 */
import { useId, useRef } from 'react';
import { create } from 'zustand';
import type { SwarmService } from '../../../shared/swarm';
import { LogsPanel } from '../logs/LogsPanel';
import { useModal } from '../../components/useModal';

type Replicas = SwarmService['replicas'];
const useServiceLogs = create<{ service: string | null; replicas: Replicas | null }>(() => ({ service: null, replicas: null }));

/**
 * Show the logs of service `name` (its name as `docker service ls` lists it); `replicas`, its counts when
 * opened, say why an empty log is empty.
 */
export function openServiceLogs(name: string, replicas: Replicas): void {
  useServiceLogs.setState({ service: name, replicas });
}

/** What an empty service log means, from the service's task counts (the engine keeps the logs of tasks that ended too). */
export function emptyServiceLogHint(r: Replicas): string {
  if (r.desired === 0 && r.running === 0) return 'the service wants no task now (0 replicas) and no task of it left a line';
  if (r.running === 0) return `none of its ${r.desired} task${r.desired === 1 ? '' : 's'} runs yet: the Tasks tab says why`;
  return 'its tasks have written nothing yet';
}

/** The open service's logs dialog, if any (render once, beside the Services table). */
export function ServiceLogsHost() {
  const { service, replicas } = useServiceLogs();
  return service ? <ServiceLogsDialog key={service} service={service} replicas={replicas} onClose={() => useServiceLogs.setState({ service: null, replicas: null })} /> : null;
}

function ServiceLogsDialog({ service, replicas, onClose }: { service: string; replicas: Replicas | null; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useModal(ref);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      className="dialog service-logs-dialog"
      style={{ maxWidth: 'none', width: 'calc(100vw - 48px)', height: 'calc(100vh - 48px)', display: 'flex', flexDirection: 'column', gap: 8, boxSizing: 'border-box' }}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 12 }}>
        <h2 id={titleId} style={{ margin: 0, flex: 1 }}>
          Logs of service {service}
        </h2>
        <button type="button" onClick={onClose}>
          Close
        </button>
      </div>
      <LogsPanel service={service} name={`service ${service}`} running {...(replicas ? { emptyHint: emptyServiceLogHint(replicas) } : {})} />
    </dialog>
  );
}
