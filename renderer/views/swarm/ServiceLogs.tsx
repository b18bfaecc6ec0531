/**
 * A swarm service's logs (`docker service logs -f`) in a dialog over the Swarm view: the same viewer as a
 * container's (views/logs/LogsPanel.tsx: follow, search, download, bounded ring), each line's task
 * `name.slot@node` in a column. Opened by a Services row's Logs button through `openServiceLogs`; the dialog
 * lives beside the table (a virtual table may unmount its rows).
 */
import { useEffect, useId, useRef } from 'react';
import { create } from 'zustand';
import { LogsPanel } from '../logs/LogsPanel';

const useServiceLogs = create<{ service: string | null }>(() => ({ service: null }));

/** Show the logs of service `name` (its name as `docker service ls` lists it). */
export function openServiceLogs(name: string): void {
  useServiceLogs.setState({ service: name });
}

/** The open service's logs dialog, if any (render once, beside the Services table). */
export function ServiceLogsHost() {
  const service = useServiceLogs((st) => st.service);
  return service ? <ServiceLogsDialog key={service} service={service} onClose={() => useServiceLogs.setState({ service: null })} /> : null;
}

function ServiceLogsDialog({ service, onClose }: { service: string; onClose(): void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const d = ref.current;
    if (d && !d.open) d.showModal();
    return () => d?.close();
  }, []);
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
      <LogsPanel service={service} name={`service ${service}`} running />
    </dialog>
  );
}
