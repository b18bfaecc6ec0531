/**
 * "Down…" a stack (`compose down`): its containers and networks go; its named volumes only when ticked
 * here, each listed by name — nothing is lost by default. Runs the user's Compose as a task.
 */
import { useState } from 'react';
import { client } from '../../client/client';
import { useCall } from '../../client/useCall';
import { TaskDialog } from '../images/TaskDialog';
import { PROJECT_LABEL, type Stack } from './group';

export function DownStackDialog({ stack, onClose }: { stack: Stack; onClose(): void }) {
  const [volumes, setVolumes] = useState(false);
  const all = useCall(`volumes-${stack.project}`, () => client().call('volumes.list', {}));
  const ours = (all?.value ?? []).filter((v) => v.labels[PROJECT_LABEL] === stack.project);
  return (
    <TaskDialog title={`Down stack ${stack.project}`} submitLabel="Down" canSubmit start={() => client().call('stacks.down', { project: stack.project, volumes })} onClose={onClose}>
      <p>
        Stops and removes the stack's {stack.containers.length} containers and its networks, with {stack.configFiles.length ? stack.configFiles.map((f) => f.split('/').pop()).join(', ') : 'its compose files'}.
      </p>
      {ours.length > 0 ? (
        <>
          <label className="check">
            <input type="checkbox" checked={volumes} onChange={(e) => setVolumes(e.target.checked)} />
            Also remove its {ours.length} named volume{ours.length === 1 ? '' : 's'} and their data
          </label>
          <ul aria-label="Volumes of the stack">
            {ours.map((v) => (
              <li key={v.name}>{v.name}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">{all ? 'The stack has no named volumes.' : 'Looking for its volumes…'}</p>
      )}
    </TaskDialog>
  );
}
