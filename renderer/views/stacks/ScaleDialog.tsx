/** "Scale…" a service of a stack (`compose up -d --scale SERVICE=N`), as a task. */
import { useState } from 'react';
import { client } from '../../client/client';
import { TaskDialog } from '../images/TaskDialog';
import { isOneOff, SERVICE_LABEL, type Stack } from './group';

/** @param service the service chosen first (the stack's first when not given). */
export function ScaleDialog({ stack, service: initial, onClose }: { stack: Stack; service?: string; onClose(): void }) {
  const [service, setService] = useState(initial ?? stack.services[0] ?? '');
  const now = stack.containers.filter((c) => c.labels[SERVICE_LABEL] === service && !isOneOff(c)).length;
  const [replicas, setReplicas] = useState(String(Math.max(1, now)));
  const n = Number(replicas);
  const valid = Number.isInteger(n) && n >= 0 && n <= 100;
  return (
    <TaskDialog
      title={`Scale a service of ${stack.project}`}
      submitLabel="Scale"
      canSubmit={!!service && valid}
      error={replicas && !valid ? 'A whole number from 0 to 100' : null}
      start={() => client().call('stacks.scale', { project: stack.project, service, replicas: n })}
      onClose={onClose}
    >
      <label className="field">
        <span>Service</span>
        <select aria-label="Service" value={service} onChange={(e) => setService(e.target.value)}>
          {stack.services.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>Replicas</span>
        <input aria-label="Replicas" type="number" min={0} max={100} value={replicas} onChange={(e) => setReplicas(e.target.value)} />
        <small className="muted">Now {now}.</small>
      </label>
    </TaskDialog>
  );
}
